package dev.longrecipe.analyzer.delta;

/** {@link LogitRows} over a flat row-major float array of shape (T, V). */
public final class ArrayLogitRows implements LogitRows {

    private final float[] logits; // (T, V) row-major
    private final int rows;
    private final int vocabSize;

    public ArrayLogitRows(float[] logits, int rows, int vocabSize) {
        if (rows < 0 || vocabSize < 1 || (long) rows * vocabSize != logits.length) {
            throw new IllegalArgumentException("expected " + rows + "×" + vocabSize + " logits but found "
                    + logits.length);
        }
        this.logits = logits;
        this.rows = rows;
        this.vocabSize = vocabSize;
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
        System.arraycopy(logits, t * vocabSize, destination, 0, vocabSize);
    }
}
