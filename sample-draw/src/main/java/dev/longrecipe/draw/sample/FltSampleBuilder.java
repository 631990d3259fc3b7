package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import java.util.random.RandomGenerator;

/** FLT, full-length training: contiguous windows of exactly L′ tokens at positions 0 … L′−1. */
public final class FltSampleBuilder extends WindowSampleBuilder {

    public static final String NAME = "flt";

    public FltSampleBuilder(int window, int samplesPerDocument) {
        super(NAME, window, window, samplesPerDocument);
    }

    @Override
    public Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
        int[] source = TokenWindows.range(span.start(), window);
        return sample(doc, source, TokenWindows.range(0, window));
    }
}
