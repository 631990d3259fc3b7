package dev.longrecipe.segmenter.sample;

import dev.longrecipe.segmenter.position.DistinctSorted;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * RPES (randomised positional encoding, Ruoss et al. 2023) as ALGORITHMS.md §4 specifies: the first Ls
 * tokens of each L′-token window of the document, at positions that are a sorted uniform sample of Ls
 * distinct values in [0, L′).
 */
public final class RpesSampleBuilder implements SampleBuilder {

    public static final String NAME = "rpes";

    private final int sampleLength;
    private final int window;
    private final int cap;

    public RpesSampleBuilder(int sampleLength, int window, int samplesPerDocument) {
        this.sampleLength = sampleLength;
        this.window = window;
        this.cap = samplesPerDocument;
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
        return TokenWindows.plan(doc, window, sampleLength, cap);
    }

    @Override
    public Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
        int[] source = TokenWindows.range(span.start(), sampleLength);
        int[] positions = DistinctSorted.sample(rng, sampleLength, 0, window);
        return new Sample(TokenWindows.gather(doc.tokens(), source), positions, source);
    }
}
