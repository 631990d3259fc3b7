package dev.longrecipe.segmenter.sample;

import dev.longrecipe.segmenter.position.PositionIndexTransform;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * "longrecipe" as in the paper: anchor sentences kept, random fill to exactly Ls tokens in document
 * order, then position index transformation over [0, L′). See {@link SentenceSelection} for the details.
 */
public final class LongRecipeSampleBuilder implements SampleBuilder {

    public static final String NAME = "longrecipe";

    private final int sampleLength;
    private final SentenceSelection selection;

    public LongRecipeSampleBuilder(int sampleLength, int window, int samplesPerDocument, PositionIndexTransform transform) {
        this.sampleLength = sampleLength;
        this.selection = new SentenceSelection(true, sampleLength, window, samplesPerDocument, transform);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxSampleLength() {
        return sampleLength;
    }

    @Override
    public List<SourceSpan> plan(Document doc) {
        return selection.plan(doc);
    }

    @Override
    public Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
        return selection.build(doc, span, rng);
    }
}
