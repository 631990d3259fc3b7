package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import dev.longrecipe.draw.position.DistinctSorted;

import java.util.random.RandomGenerator;

/**
 * RPES (randomised positional encoding, Ruoss et al. 2023) as docs/ALGORITHMS.md §4 specifies: the first Ls
 * tokens of each L′-token window of the document, at positions that are a sorted uniform sample of Ls
 * distinct values in [0, L′).
 */
public final class RpesSampleBuilder extends WindowSampleBuilder {

    public static final String NAME = "rpes";

    public RpesSampleBuilder(int sampleLength, int window, int samplesPerDocument) {
        super(NAME, sampleLength, window, samplesPerDocument);
    }

    @Override
    public Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
        int[] source = TokenWindows.range(span.start(), sampleLength);
        int[] positions = DistinctSorted.sample(rng, sampleLength, 0, window);
        return sample(doc, source, positions);
    }
}
