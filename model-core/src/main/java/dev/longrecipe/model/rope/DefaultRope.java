package dev.longrecipe.model.rope;

/** RoPE as published (Su et al.): inv_freq[i] = 1 / theta^(2i/d). Unchanged past max_position_embeddings. */
public final class DefaultRope extends FixedRope {

    public DefaultRope(double theta, int dim) {
        super("default", new RopeFrequencies(inverseFrequencies(theta, dim), 1.0));
    }

    /**
     * 1 / theta^(2i/d) for i in [0, d/2), rounded to float32 like transformers (which raises a float64 base to a
     * float32 exponent {@code arange(0, d, 2).float() / d}).
     */
    static float[] inverseFrequencies(double theta, int dim) {
        float[] inv = new float[dim / 2];
        for (int i = 0; i < inv.length; i++) {
            float exponent = (float) (2 * i) / (float) dim;
            inv[i] = (float) (1.0 / Math.pow(theta, exponent));
        }
        return inv;
    }
}
