package dev.longrecipe.analyzer.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * {@link LogitRows} of one sample, made and copied to Java a block of rows at a time from the last hidden states
 * (1, T, d) through the model's head ({@link #ofHidden}), so that neither
 * the JVM nor the device ever holds the whole (T, V) block.
 */
public final class HeadLogitRows implements LogitRows {

    private final NDArray source;                        // (1, T, d) hidden states
    private final java.util.function.UnaryOperator<NDArray> toLogits; // a block of source rows → (1, rows, V)
    private final int rows;
    private final int vocabSize;
    private final int blockRows;
    private float[] block = new float[0]; // (blockRows, V)
    private int blockStart = -1;
    private int blockLength;

    /**
     * Rows made from hidden states (1, T, d) by {@code head} (e.g. {@code model::scoreHead}), one block at a time.
     *
     * @param vocabSize V, the width of the head's output
     * @param blockRows rows made and copied per transfer, e.g. enough for a few MiB
     */
    public static HeadLogitRows ofHidden(NDArray hidden, java.util.function.UnaryOperator<NDArray> head, int vocabSize,
                                       int blockRows) {
        return new HeadLogitRows(hidden, head, vocabSize, blockRows);
    }

    private HeadLogitRows(NDArray source, java.util.function.UnaryOperator<NDArray> toLogits, int vocabSize,
                        int blockRows) {
        long[] shape = source.getShape().getShape();
        if (shape.length != 3 || shape[0] != 1) {
            throw new IllegalArgumentException("expected one sample's rows (1, T, ·) but found " + source.getShape());
        }
        this.source = source;
        this.toLogits = toLogits;
        this.rows = Math.toIntExact(shape[1]);
        this.vocabSize = vocabSize;
        this.blockRows = Math.max(1, blockRows);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public void copyRow(int t, float[] destination) {
        if (t < blockStart || t >= blockStart + blockLength) {
            blockStart = t;
            blockLength = Math.min(blockRows, rows - t);
            try (NDManager scope = source.getManager().newSubManager()) {
                NDArray slice = source.get(new NDIndex(":, {}:{}, :", t, t + blockLength));   // (1, rows, ·)
                slice.attach(scope);
                NDArray logits = toLogits.apply(slice);                                          // (1, rows, V)
                logits.attach(scope);
                block = logits.toFloatArray();
            }
        }
        System.arraycopy(block, (t - blockStart) * vocabSize, destination, 0, vocabSize);
    }
}
