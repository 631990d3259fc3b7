package dev.longrecipe.segmenter.sample;

import dev.longrecipe.segmenter.position.PositionIndexTransform;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * "longrecipe-random", the paper's ablation "Random T": the longrecipe procedure with no anchor types, so
 * every sentence of a span (L′ tokens of text) is a candidate and Ls tokens of them are drawn at random.
 */
public final class RandomSentenceSampleBuilder implements SampleBuilder {

    public static final String NAME = "longrecipe-random";

    private final int sampleLength;
    private final SentenceSelection selection;

    public RandomSentenceSampleBuilder(int sampleLength, int window, int samplesPerDocument,
                                       PositionIndexTransform transform) {
        this.sampleLength = sampleLength;
        this.selection = new SentenceSelection(false, sampleLength, window, samplesPerDocument, transform);
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
