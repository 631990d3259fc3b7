package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.draw.SegmenterSettings;

/**
 * Turns a stored span into the training sample of an epoch (paper §4.2: selection and positions are drawn afresh for
 * every training example). The run's {@link SampleBuilder} draws from the whole span with the random source of
 * (run seed, document, span, epoch) ({@link SampleSeeds}), so the same (span, epoch) always gives the same sample and
 * two epochs give different ones. The segmenter's statistics describe the epoch-0 draws; the trainer draws epoch e.
 *
 * <p>A draw with fewer than {@value #MIN_TOKENS} tokens has nothing to train on. Only the released-code option makes
 * such draws (it may drop every sentence of a span): the segmenter stores a span only if its epoch-0 draw is usable,
 * and an unusable draw of a later epoch is replaced by the span's epoch-0 draw.
 *
 * @param builder the run's sample builder (BOS included)
 * @param runSeed the run's seed
 */
public record SpanSampler(SampleBuilder builder, long runSeed) {

    /** Fewest tokens a training sample can have: one input and its next-token target. */
    public static final int MIN_TOKENS = 2;

    /** The sampler of a segmenter run: its builder (BOS included) and its seed. */
    public static SpanSampler of(SegmenterSettings settings) {
        return new SpanSampler(SampleBuilders.create(settings), settings.seed());
    }

    /** The training sample of {@code source} in epoch {@code epoch}; source offsets are relative to the span. */
    public Sample sample(SampleSource source, long epoch) {
        Sample drawn = draw(source, epoch);
        return epoch == 0 || usable(drawn) ? drawn : draw(source, 0);
    }

    public static boolean usable(Sample sample) {
        return sample.length() >= MIN_TOKENS;
    }

    private Sample draw(SampleSource source, long epoch) {
        Document span = source.span();
        return builder.build(span, new SourceSpan(0, span.tokenCount()),
                SampleSeeds.random(runSeed, span.index(), source.spanIndex(), epoch));
    }
}
