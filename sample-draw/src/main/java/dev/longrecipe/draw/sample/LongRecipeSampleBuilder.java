package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import dev.longrecipe.draw.position.PositionIndexTransform;

/**
 * "longrecipe" as in the paper: anchor sentences kept, random fill to exactly Ls tokens in document
 * order, then position index transformation over [0, L′). See {@link SentenceSelection} for the details.
 */
public final class LongRecipeSampleBuilder extends SelectionSampleBuilder {

    public static final String NAME = "longrecipe";

    public LongRecipeSampleBuilder(int sampleLength, int window, int samplesPerDocument, PositionIndexTransform transform) {
        super(NAME, true, sampleLength, window, samplesPerDocument, transform);
    }
}
