package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Puts the model's BOS token in front of every sample of another builder, at position 0. The wrapped builder is made
 * for one token less and a window one position shorter (Ls − 1 tokens over L′ − 1 positions, L′ − 1 for FLT); its
 * positions are moved up by one, so the sample is BOS at 0 followed by its tokens over [1, L′): Ls tokens in all
 * (L′ for FLT), positions strictly increasing inside [0, L′). An empty draw stays empty.
 */
public final class BosSampleBuilder implements SampleBuilder {

    private final int bos;
    private final SampleBuilder inner;

    /** @param inner the method's builder for Ls − 1 tokens over a window of L′ − 1 */
    public BosSampleBuilder(int bos, SampleBuilder inner) {
        this.bos = bos;
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int maxSampleLength() {
        return inner.maxSampleLength() + 1;
    }

    @Override
    public List<SourceSpan> plan(Document doc) {
        return inner.plan(doc);
    }

    @Override
    public Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
        Sample body = inner.build(doc, span, rng);
        int n = body.length();
        if (n == 0) {
            return body;
        }
        int[] ids = new int[n + 1];
        int[] positions = new int[n + 1];
        int[] sources = new int[n + 1];
        ids[0] = bos;
        sources[0] = Sample.NOT_FROM_THE_DOCUMENT;
        for (int i = 0; i < n; i++) {
            ids[i + 1] = body.inputIds()[i];
            positions[i + 1] = body.positionIds()[i] + 1;
            sources[i + 1] = body.sourceTokens()[i];
        }
        return new Sample(ids, positions, sources);
    }
}
