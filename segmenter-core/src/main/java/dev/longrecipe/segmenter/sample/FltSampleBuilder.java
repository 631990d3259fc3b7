package dev.longrecipe.segmenter.sample;

import java.util.List;
import java.util.random.RandomGenerator;

/** FLT, full-length training: contiguous windows of exactly L′ tokens at positions 0 … L′−1. */
public final class FltSampleBuilder implements SampleBuilder {

    public static final String NAME = "flt";

    private final int window;
    private final int cap;

    public FltSampleBuilder(int window, int samplesPerDocument) {
        this.window = window;
        this.cap = samplesPerDocument;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxSampleLength() {
        return window;
    }

    @Override
    public List<SourceSpan> plan(Document doc) {
        return TokenWindows.plan(doc, window, window, cap);
    }

    @Override
    public Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
        int[] source = TokenWindows.range(span.start(), window);
        return new Sample(TokenWindows.gather(doc.tokens(), source), TokenWindows.range(0, window), source);
    }
}
