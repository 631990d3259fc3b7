package dev.longrecipe.analyzer.delta;

/** {@link LogitRows} over a flat row-major float array {@code logits} of shape (T, V). */
public record ArrayLogitRows(float[] logits, int rows, int vocabSize) implements LogitRows {

    public ArrayLogitRows {
        if (rows < 0 || vocabSize < 1 || (long) rows * vocabSize != logits.length) {
            throw new IllegalArgumentException("expected " + rows + "×" + vocabSize + " logits but found "
                    + logits.length);
        }
    }

    @Override
    public void copyRow(int t, float[] destination) {
        System.arraycopy(logits, t * vocabSize, destination, 0, vocabSize);
    }
}
