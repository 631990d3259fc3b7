package dev.longrecipe.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Next-token cross entropy as transformers' {@code ForCausalLMLoss}: logits at position t are scored against the
 * label at t+1; labels equal to {@link #IGNORE_INDEX} do not count. The mean runs over the targets of all
 * micro-batches of an optimizer step, so accumulated gradients equal those of one big batch.
 */
public final class CausalLmLoss {
    /** PyTorch's default ignore index, used by transformers for padding. */
    public static final long IGNORE_INDEX = -100;

    private CausalLmLoss() {
    }

    /**
     * Σ over this batch's targets of −log p(label) divided by {@code totalTargets} (all micro-batches' targets).
     *
     * @param logits (B, T, V) float32
     * @return () scalar in the logits' manager
     */
    public static NDArray meanContribution(NDArray logits, Batch batch, long totalTargets) {
        return meanContribution(logits, batch, totalTargets, 0, batch.seqLen());
    }

    /**
     * The part of {@link #meanContribution(NDArray, Batch, long)} that the logits of positions [start, end)
     * contribute (position t is scored against the label at t+1), so the loss can be taken chunk by chunk.
     *
     * @param logits (B, end - start, V) float32, the logits of those positions
     * @return () scalar in the logits' manager
     */
    public static NDArray meanContribution(NDArray logits, Batch batch, long totalTargets, long start, long end) {
        if (totalTargets <= 0) {
            throw new IllegalArgumentException("no targets: every label is " + IGNORE_INDEX);
        }
        int b = batch.batchSize();
        int t = batch.seqLen();
        int scored = (int) (Math.min(end, t - 1) - start);            // the last position has no next token
        NDManager m = logits.getManager();
        if (scored <= 0) {
            return logits.sum().mul(0f);                               // () keeps the graph; contributes nothing
        }
        long[] targets = new long[b * scored];
        float[] weights = new float[b * scored];
        float weight = (float) (1.0 / totalTargets);
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < scored; i++) {
                long label = batch.labels()[r * t + (int) start + i + 1];
                boolean counted = label != IGNORE_INDEX;
                targets[r * scored + i] = counted ? label : 0;
                weights[r * scored + i] = counted ? weight : 0f;
            }
        }
        NDArray target = m.create(targets, new Shape(b, scored, 1));                     // (B, c', 1)
        NDArray w = m.create(weights, new Shape(b, scored));                             // (B, c')
        NDArray logProbs = logits.get(new NDIndex(":, 0:{}, :", scored)).logSoftmax(2);  // (B, c', V)
        NDArray picked = logProbs.gather(target, 2).reshape(b, scored);                  // (B, c')
        return picked.mul(w).sum().neg();                                                // ()
    }

    /** Makes the (B, T) token id array of a batch in {@code m}. */
    static NDArray ids(NDManager m, Batch batch) {
        return m.create(batch.inputIds(), new Shape(batch.batchSize(), batch.seqLen())).toType(DataType.INT64, false);
    }

    /** Makes the (B, T) position id array of a batch in {@code m}. */
    static NDArray positions(NDManager m, Batch batch) {
        return m.create(batch.positionIds(), new Shape(batch.batchSize(), batch.seqLen()));
    }
}
