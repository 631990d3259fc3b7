package dev.longrecipe.analyzer.delta;

/**
 * Entropy (nats) of the paper's Eq. 2 distribution p = softmax(S_H′ − S_H) over the vocabulary at one position.
 * High entropy (up to ln V, reached when H and H′ agree up to a constant) means long-context training shifted
 * the scores evenly; low entropy means it moved a few tokens' scores far more than the rest.
 */
public final class DeltaEntropy {

    private DeltaEntropy() {
    }

    /** Entropy of softmax(reference − base) over the first {@code vocabSize} entries of both rows. */
    public static double of(float[] reference, float[] base, int vocabSize) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocabSize; v++) {
            max = Math.max(max, (double) reference[v] - base[v]);
        }
        // p_v = exp(d_v − max) / Z;  H = −Σ p_v log p_v = log Z − Σ p_v (d_v − max)
        double z = 0;
        double weighted = 0;
        for (int v = 0; v < vocabSize; v++) {
            double shifted = (double) reference[v] - base[v] - max;
            double e = Math.exp(shifted);
            z += e;
            weighted += e * shifted;
        }
        return Math.log(z) - weighted / z;
    }
}
