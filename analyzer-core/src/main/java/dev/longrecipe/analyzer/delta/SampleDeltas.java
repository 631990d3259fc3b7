package dev.longrecipe.analyzer.delta;

/**
 * Gold-token logits of one sample under both models and what the analysis derives from them. Index {@code j} of
 * every array is token position {@code j + 1}: position 0 has no prefix, so no model predicts it.
 *
 * @param tokenIds      the sample's tokens (T)
 * @param goldBase      S_H(x_t | x_&lt;t) for t = 1…T−1: row t−1 of H's logits at column x_t
 * @param goldReference S_H′(x_t | x_&lt;t) likewise for H′
 * @param entropy       entropy of softmax(S_H′ − S_H) over the vocabulary at row t−1 (Eq. 2), nats
 */
public record SampleDeltas(int[] tokenIds, float[] goldBase, float[] goldReference, double[] entropy) {

    public SampleDeltas {
        int predicted = Math.max(0, tokenIds.length - 1);
        if (goldBase.length != predicted || goldReference.length != predicted || entropy.length != predicted) {
            throw new IllegalArgumentException("a sample of " + tokenIds.length + " tokens has " + predicted
                    + " predicted positions, but found " + goldBase.length + "/" + goldReference.length + "/"
                    + entropy.length + " values");
        }
    }

    /**
     * Streams both models' rows once: gold logits and the Eq. 2 entropy per position. Memory: two rows of V floats.
     * Row t−1 of each model's logits scores token t (teacher forcing).
     */
    public static SampleDeltas compute(int[] tokenIds, LogitRows base, LogitRows reference) {
        int vocab = base.vocabSize();
        if (reference.vocabSize() != vocab) {
            throw new IllegalArgumentException("H scores " + vocab + " vocabulary entries but H′ scores "
                    + reference.vocabSize() + "; the models must share one tokenizer and vocabulary");
        }
        int predicted = Math.max(0, tokenIds.length - 1);
        if (base.rows() < predicted || reference.rows() < predicted) {
            throw new IllegalArgumentException("a sample of " + tokenIds.length + " tokens needs " + predicted
                    + " logit rows, but H gave " + base.rows() + " and H′ gave " + reference.rows());
        }
        float[] baseRow = new float[vocab];     // (V)
        float[] referenceRow = new float[vocab]; // (V)
        float[] goldBase = new float[predicted];
        float[] goldReference = new float[predicted];
        double[] entropy = new double[predicted];
        for (int t = 1; t <= predicted; t++) {
            int gold = tokenIds[t];
            if (gold < 0 || gold >= vocab) {
                throw new IllegalArgumentException("token id " + gold + " at position " + t
                        + " is outside the models' vocabulary of " + vocab);
            }
            base.copyRow(t - 1, baseRow);
            reference.copyRow(t - 1, referenceRow);
            goldBase[t - 1] = baseRow[gold];
            goldReference[t - 1] = referenceRow[gold];
            entropy[t - 1] = DeltaEntropy.of(referenceRow, baseRow, vocab);
        }
        return new SampleDeltas(tokenIds.clone(), goldBase, goldReference, entropy);
    }

    /** Number of tokens T. */
    public int length() {
        return tokenIds.length;
    }

    /** Signed Δ = S_H′ − S_H of the token at {@code position} (1…T−1). */
    public float delta(int position) {
        return goldReference[position - 1] - goldBase[position - 1];
    }

    /** Eq. 2 entropy at {@code position} (1…T−1). */
    public double entropyAt(int position) {
        return entropy[position - 1];
    }
}
