package dev.longrecipe.model.plan;

import dev.longrecipe.model.config.ModelConfig;

/**
 * Floating-point operations of training one sample of T tokens: the matrix products of every projection and of
 * the LM head (2 per multiply-add, forward once and backward twice: 6·N·T for N matrix weights) plus attention's
 * q·kᵀ and p·v over the full T × T square (this project's attention does not skip the masked half), and, with
 * recomputation, one more forward.
 */
public final class TrainingFlops {
    private TrainingFlops() {
    }

    public static double perSample(ModelConfig c, long seqLen, boolean recompute) {
        double matrixWeights = TrainingMemory.parameterCount(c) - embeddingOnly(c);
        double linearForward = 2.0 * matrixWeights * seqLen;
        double attentionForward = 4.0 * seqLen * (double) seqLen * c.numAttentionHeads() * c.headDim()
                * c.numHiddenLayers();
        double forward = linearForward + attentionForward;
        return forward * (recompute ? 4 : 3);
    }

    /** The embedding table is a lookup, not a product, unless it is also the (tied) LM head. */
    private static double embeddingOnly(ModelConfig c) {
        return c.tieWordEmbeddings() ? 0 : (double) c.vocabSize() * c.hiddenSize();
    }
}
