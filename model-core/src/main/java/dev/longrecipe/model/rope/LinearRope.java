package dev.longrecipe.model.rope;

/**
 * Position interpolation (kaiokendev; Chen et al. 2023): every inverse frequency divided by {@code factor}, which
 * is the same as dividing position ids by it. Unchanged past max_position_embeddings.
 */
public final class LinearRope extends FixedRope {

    public LinearRope(double theta, int dim, double factor) {
        super("linear", new RopeFrequencies(inverseFrequencies(theta, dim, factor), 1.0));
    }

    private static float[] inverseFrequencies(double theta, int dim, double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("linear RoPE needs a positive 'factor' but got " + factor);
        }
        float[] inv = DefaultRope.inverseFrequencies(theta, dim);
        for (int i = 0; i < inv.length; i++) {
            inv[i] = (float) (inv[i] / factor);
        }
        return inv;
    }
}
