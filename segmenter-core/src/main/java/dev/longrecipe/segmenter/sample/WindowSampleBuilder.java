package dev.longrecipe.segmenter.sample;

import java.util.List;

/**
 * What the baselines (FLT, PoSE, RPES) share: each sample comes from one of the document's consecutive L′-token
 * windows and is {@code sampleLength} tokens long; the subclasses differ only in which tokens and positions
 * {@link #build} picks.
 */
abstract class WindowSampleBuilder implements SampleBuilder {

    protected final int sampleLength;
    protected final int window;
    private final int cap;

    WindowSampleBuilder(int sampleLength, int window, int samplesPerDocument) {
        this.sampleLength = sampleLength;
        this.window = window;
        this.cap = samplesPerDocument;
    }

    @Override
    public int maxSampleLength() {
        return sampleLength;
    }

    @Override
    public List<SourceSpan> plan(Document doc) {
        return TokenWindows.plan(doc, window, sampleLength, cap);
    }
}
