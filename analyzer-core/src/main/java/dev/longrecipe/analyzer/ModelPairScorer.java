package dev.longrecipe.analyzer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.analyzer.delta.NdLogitRows;
import dev.longrecipe.analyzer.delta.SampleDeltas;
import dev.longrecipe.model.llama.LlamaModel;

/**
 * Runs H and H′ teacher-forced on the same tokens (positions 0…T−1, autograd off) and reduces their logits to
 * {@link SampleDeltas}. Attention memory is bounded by the model's query chunking, so the sample length is limited
 * by the model, not by T²; the logits of one sample, (T, V) per model, are the largest buffers held.
 */
public final class ModelPairScorer {

    /** Rows per copy from native memory to Java: about 8 MiB of logits. */
    private static final long BLOCK_FLOATS = 1L << 21;

    private final LlamaModel base;
    private final LlamaModel reference;

    public ModelPairScorer(LlamaModel base, LlamaModel reference) {
        int v = base.config().vocabSize();
        if (reference.config().vocabSize() != v) {
            throw new IllegalArgumentException("H has vocab_size " + v + " but H′ has "
                    + reference.config().vocabSize() + "; impactful token analysis compares the two models' scores"
                    + " for the same tokens, so both must use the same tokenizer and vocabulary");
        }
        this.base = base;
        this.reference = reference;
    }

    public int vocabSize() {
        return base.config().vocabSize();
    }

    /** Gold-token logits of both models and the Eq. 2 entropy for every position of {@code tokenIds}. */
    public SampleDeltas score(int[] tokenIds) {
        for (int i = 0; i < tokenIds.length; i++) {
            if (tokenIds[i] < 0 || tokenIds[i] >= vocabSize()) {
                throw new IllegalArgumentException("token id " + tokenIds[i] + " at position " + i + " is outside the"
                        + " models' vocabulary of " + vocabSize() + "; the tokenizer does not belong to these models");
            }
        }
        try (NDManager baseStep = base.manager().newSubManager();
             NDManager referenceStep = reference.manager().newSubManager()) {
            NDArray baseLogits = logits(base, baseStep, tokenIds);                // (1, T, V)
            NDArray referenceLogits = logits(reference, referenceStep, tokenIds); // (1, T, V)
            int blockRows = (int) Math.max(1, BLOCK_FLOATS / vocabSize());
            return SampleDeltas.compute(tokenIds, new NdLogitRows(baseLogits, blockRows),
                    new NdLogitRows(referenceLogits, blockRows));
        }
    }

    private static NDArray logits(LlamaModel model, NDManager step, int[] tokenIds) {
        long t = tokenIds.length;
        long[] ids = new long[tokenIds.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenIds[i];
        }
        NDArray inputIds = step.create(ids, new Shape(1, t));                               // (1, T)
        NDArray positionIds = step.arange(0L, t, 1L, DataType.INT64).reshape(1, t);         // (1, T)
        return model.score(inputIds, positionIds);                                          // (1, T, V)
    }
}
