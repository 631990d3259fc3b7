package dev.longrecipe.analyzer.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * {@link LogitRows} over one sample's logits NDArray (1, T, V), copied to Java a block of rows at a time so the
 * JVM never holds the whole (T, V) block.
 */
public final class NdLogitRows implements LogitRows {

    private final NDArray logits; // (1, T, V)
    private final int rows;
    private final int vocabSize;
    private final int blockRows;
    private float[] block = new float[0]; // (blockRows, V)
    private int blockStart = -1;
    private int blockLength;

    /** @param blockRows rows copied per transfer, e.g. enough for a few MiB */
    public NdLogitRows(NDArray logits, int blockRows) {
        long[] shape = logits.getShape().getShape();
        if (shape.length != 3 || shape[0] != 1) {
            throw new IllegalArgumentException("expected logits of shape (1, T, V) but found " + logits.getShape());
        }
        this.logits = logits;
        this.rows = Math.toIntExact(shape[1]);
        this.vocabSize = Math.toIntExact(shape[2]);
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
            try (NDArray slice = logits.get(new NDIndex("0, {}:{}, :", t, t + blockLength))) { // (rows, V)
                block = slice.toFloatArray();
            }
        }
        System.arraycopy(block, (t - blockStart) * vocabSize, destination, 0, vocabSize);
    }
}
