package dev.longrecipe.model.train;

/**
 * One micro-batch of training rows, row-major (B, T): token ids, their position ids, and labels (the token ids,
 * or {@link CausalLmLoss#IGNORE_INDEX} where a position is padding or must not be learned). Labels are shifted
 * inside the loss as transformers does: position t predicts label t+1. Pad rows on the right.
 */
public record Batch(int batchSize, int seqLen, long[] inputIds, long[] positionIds, long[] labels) {

    public Batch {
        if (batchSize <= 0 || seqLen <= 1) {
            throw new IllegalArgumentException("a batch needs B >= 1 rows of T >= 2 tokens but got B=" + batchSize
                    + ", T=" + seqLen);
        }
        long n = (long) batchSize * seqLen;
        if (inputIds.length != n || positionIds.length != n || labels.length != n) {
            throw new IllegalArgumentException("expected " + n + " (B*T) input ids, position ids and labels but got "
                    + inputIds.length + ", " + positionIds.length + ", " + labels.length);
        }
    }

    /** Labels equal to the inputs (every next token is a target). */
    public static Batch causal(long[][] inputIds, long[][] positionIds) {
        return of(inputIds, positionIds, inputIds);
    }

    public static Batch of(long[][] inputIds, long[][] positionIds, long[][] labels) {
        int b = inputIds.length;
        if (b == 0 || positionIds.length != b || labels.length != b) {
            throw new IllegalArgumentException("input ids, position ids and labels need the same number of rows (>0)");
        }
        int t = inputIds[0].length;
        long[] ids = new long[b * t];
        long[] pos = new long[b * t];
        long[] lab = new long[b * t];
        for (int r = 0; r < b; r++) {
            if (inputIds[r].length != t || positionIds[r].length != t || labels[r].length != t) {
                throw new IllegalArgumentException("row " + r + " does not have " + t + " tokens in all three arrays");
            }
            System.arraycopy(inputIds[r], 0, ids, r * t, t);
            System.arraycopy(positionIds[r], 0, pos, r * t, t);
            System.arraycopy(labels[r], 0, lab, r * t, t);
        }
        return new Batch(b, t, ids, pos, lab);
    }

    /** Number of predicted tokens: labels at positions 1..T-1 of each row that are not ignored. */
    public long targetCount() {
        long count = 0;
        for (int r = 0; r < batchSize; r++) {
            for (int t = 1; t < seqLen; t++) {
                if (labels[r * seqLen + t] != CausalLmLoss.IGNORE_INDEX) {
                    count++;
                }
            }
        }
        return count;
    }

    public long tokens() {
        return (long) batchSize * seqLen;
    }
}
