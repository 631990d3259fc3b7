package dev.longrecipe.model.rope;

/**
 * YaRN (Peng et al. 2023, arXiv:2309.00071), transformers' {@code _compute_yarn_parameters}: dimensions that
 * rotate more than {@code beta_fast} times over the original context keep their frequency (extrapolation), those
 * rotating fewer than {@code beta_slow} times are divided by {@code factor} (interpolation), with a linear ramp in
 * between; cos and sin are multiplied by the attention factor {@code 0.1 ln(factor) + 1} (or the DeepSeek
 * {@code mscale} ratio, or an explicit {@code attention_factor}). Unchanged past max_position_embeddings.
 */
public final class YarnRope extends FixedRope {

    /**
     * @param originalMaxPositionEmbeddings the pre-extension context (transformers defaults it to
     *                                      max_position_embeddings when the config does not give it)
     * @param attentionFactor               explicit factor or {@code null} to derive it
     * @param mscale                        DeepSeek style, may be {@code null}
     * @param mscaleAllDim                  DeepSeek style, may be {@code null}
     */
    public YarnRope(double theta, int dim, double factor, int originalMaxPositionEmbeddings, Double attentionFactor,
                    double betaFast, double betaSlow, Double mscale, Double mscaleAllDim, boolean truncate) {
        super("yarn", frequencies(theta, dim, factor, originalMaxPositionEmbeddings, attentionFactor, betaFast,
                betaSlow, mscale, mscaleAllDim, truncate));
    }

    private static RopeFrequencies frequencies(double theta, int dim, double factor, int originalMaxPositionEmbeddings,
                                               Double attentionFactor, double betaFast, double betaSlow,
                                               Double mscale, Double mscaleAllDim, boolean truncate) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("yarn RoPE needs a positive 'factor' but got " + factor);
        }
        double attention;
        if (attentionFactor != null) {
            attention = attentionFactor;
        } else if (mscale != null && mscale != 0 && mscaleAllDim != null && mscaleAllDim != 0) {
            attention = mscale(factor, mscale) / mscale(factor, mscaleAllDim);
        } else {
            attention = mscale(factor, 1.0);
        }

        double low = correctionDim(betaFast, dim, theta, originalMaxPositionEmbeddings);
        double high = correctionDim(betaSlow, dim, theta, originalMaxPositionEmbeddings);
        if (truncate) {
            low = Math.floor(low);
            high = Math.ceil(high);
        }
        low = Math.max(low, 0);
        high = Math.min(high, dim - 1);
        if (low == high) {
            high += 0.001; // transformers: prevent a division by zero in the ramp
        }

        float[] inv = new float[dim / 2];
        for (int i = 0; i < inv.length; i++) {
            float posFreq = (float) Math.pow(theta, (float) (2 * i) / (float) dim);
            float extrapolation = 1.0f / posFreq;
            float interpolation = (float) (1.0 / (factor * posFreq));
            float ramp = (float) Math.min(1.0, Math.max(0.0, (i - low) / (high - low)));
            float extrapolationWeight = 1.0f - ramp;
            inv[i] = interpolation * (1.0f - extrapolationWeight) + extrapolation * extrapolationWeight;
        }
        return new RopeFrequencies(inv, attention);
    }

    /** YaRN's attention temperature: 0.1 * m * ln(s) + 1 for s > 1, else 1. */
    static double mscale(double scale, double m) {
        return scale <= 1 ? 1.0 : 0.1 * m * Math.log(scale) + 1.0;
    }

    /** The dimension index whose pair rotates {@code rotations} times over {@code maxPos} positions. */
    static double correctionDim(double rotations, int dim, double theta, int maxPos) {
        return dim * Math.log(maxPos / (rotations * 2 * Math.PI)) / (2 * Math.log(theta));
    }
}
