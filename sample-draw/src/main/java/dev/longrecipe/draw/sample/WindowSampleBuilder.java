package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import java.util.List;

/**
 * What the baselines (FLT, PoSE, RPES) share: each sample comes from one of the document's consecutive L′-token
 * windows and is {@code sampleLength} tokens long; the subclasses differ only in which tokens and positions
 * {@link #build} picks.
 */
abstract class WindowSampleBuilder implements SampleBuilder {

    private final String name;
    protected final int sampleLength;
    protected final int window;
    private final int cap;

    WindowSampleBuilder(String name, int sampleLength, int window, int samplesPerDocument) {
        this.name = name;
        this.sampleLength = sampleLength;
        this.window = window;
        this.cap = samplesPerDocument;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxSampleLength() {
        return sampleLength;
    }

    @Override
    public List<SourceSpan> plan(Document doc) {
        return TokenWindows.plan(doc, window, sampleLength, cap);
    }

    /** The sample of the document's tokens at {@code source}, placed at {@code positions}. */
    static Sample sample(Document doc, int[] source, int[] positions) {
        return new Sample(TokenWindows.gather(doc.tokens(), source), positions, source);
    }
}
