package dev.longrecipe.analyzer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.analyzer.delta.HeadLogitRows;
import dev.longrecipe.analyzer.delta.SampleDeltas;
import dev.longrecipe.model.llama.LlamaModel;

/**
 * Runs H and H′ teacher-forced on the same tokens (positions 0…T−1, autograd off) and reduces their logits to
 * {@link SampleDeltas}. Attention memory is bounded by the model's query chunking, and the logits are made from
 * each model's last hidden states one block of positions at a time (about 8 MiB per model), so the memory of a
 * sample is linear in T: two (T, d) hidden-state tensors, never a (T, V) logit tensor.
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
            NDArray baseHidden = hidden(base, baseStep, tokenIds);                // (1, T, d)
            NDArray referenceHidden = hidden(reference, referenceStep, tokenIds); // (1, T, d′)
            int blockRows = (int) Math.max(1, BLOCK_FLOATS / vocabSize());
            return SampleDeltas.compute(tokenIds,
                    HeadLogitRows.ofHidden(baseHidden, base::scoreHead, vocabSize(), blockRows),
                    HeadLogitRows.ofHidden(referenceHidden, reference::scoreHead, vocabSize(), blockRows));
        }
    }

    private static NDArray hidden(LlamaModel model, NDManager step, int[] tokenIds) {
        long t = tokenIds.length;
        long[] ids = new long[tokenIds.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokenIds[i];
        }
        NDArray inputIds = step.create(ids, new Shape(1, t));                               // (1, T)
        NDArray positionIds = step.arange(0L, t, 1L, DataType.INT64).reshape(1, t);         // (1, T)
        return model.scoreHidden(inputIds, positionIds);                                    // (1, T, d)
    }
}
