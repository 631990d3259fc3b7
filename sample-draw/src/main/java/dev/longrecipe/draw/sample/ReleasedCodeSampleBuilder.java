package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import dev.longrecipe.draw.position.PositionIndexTransform;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The released LongRecipe code's selection (docs/ALGORITHMS.md §2, the {@code releasedCode} option of
 * "longrecipe" and "longrecipe-random"): the document is truncated to its first Ls tokens, anchor
 * sentences are kept, every other sentence is kept with probability 1 − selectRatio, and there is no fill,
 * so samples are shorter than Ls. One sample per document. Pair it with the released prefix transform
 * ({@code ReleasedCodePrefixTransform}) to reproduce the code's positions.
 */
public final class ReleasedCodeSampleBuilder implements SampleBuilder {

    private final boolean useAnchors;
    private final int sampleLength;
    private final double selectRatio;
    private final SentenceSelection assembler;

    public ReleasedCodeSampleBuilder(boolean useAnchors, int sampleLength, int window, double selectRatio,
                                     PositionIndexTransform transform) {
        if (selectRatio < 0 || selectRatio > 1) {
            throw new IllegalArgumentException("selectRatio must be in [0, 1], found " + selectRatio);
        }
        this.useAnchors = useAnchors;
        this.sampleLength = sampleLength;
        this.selectRatio = selectRatio;
        this.assembler = new SentenceSelection(useAnchors, sampleLength, window, 1, transform);
    }

    @Override
    public String name() {
        return (useAnchors ? LongRecipeSampleBuilder.NAME : RandomSentenceSampleBuilder.NAME) + "+released-code";
    }

    @Override
    public int maxSampleLength() {
        return sampleLength;
    }

    @Override
    public List<SourceSpan> plan(Document doc) {
        return doc.tokenCount() >= sampleLength ? List.of(new SourceSpan(0, sampleLength)) : List.of();
    }

    @Override
    public Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
        int first = doc.sentenceOf(span.start());
        int end = doc.sentenceOf(span.end() - 1) + 1;
        int[] kept = new int[end - first];
        for (int s = first; s < end; s++) {
            int inSpan = Math.min(span.end(), doc.sentenceStarts()[s + 1]) - doc.sentenceStarts()[s];
            boolean keep = (useAnchors && doc.anchor()[s]) || rng.nextDouble() >= selectRatio;
            kept[s - first] = keep ? inSpan : 0;
        }
        return assembler.assemble(doc, first, kept, rng);
    }
}
