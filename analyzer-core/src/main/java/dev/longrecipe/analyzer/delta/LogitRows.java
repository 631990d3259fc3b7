package dev.longrecipe.analyzer.delta;

/**
 * Teacher-forced logits of one sample, read one row at a time so a caller never needs the whole (T, V) block in
 * Java memory. Row {@code t} holds the scores the model gives, after reading tokens 0…t, to every vocabulary entry as
 * token t+1 (the LM head's raw output, not probabilities).
 */
public interface LogitRows {

    /** Number of rows (T). */
    int rows();

    /** Vocabulary size (V): the length of every row. */
    int vocabSize();

    /** Copies row {@code t} into {@code destination} (length ≥ V). */
    void copyRow(int t, float[] destination);
}
