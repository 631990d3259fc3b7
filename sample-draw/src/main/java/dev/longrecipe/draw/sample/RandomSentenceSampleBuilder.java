package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import dev.longrecipe.draw.position.PositionIndexTransform;

/**
 * "longrecipe-random", the paper's ablation "Random T": the longrecipe procedure with no anchor types, so
 * every sentence of a span (L′ tokens of text) is a candidate and Ls tokens of them are drawn at random.
 */
public final class RandomSentenceSampleBuilder extends SelectionSampleBuilder {

    public static final String NAME = "longrecipe-random";

    public RandomSentenceSampleBuilder(int sampleLength, int window, int samplesPerDocument,
                                       PositionIndexTransform transform) {
        super(NAME, false, sampleLength, window, samplesPerDocument, transform);
    }
}
