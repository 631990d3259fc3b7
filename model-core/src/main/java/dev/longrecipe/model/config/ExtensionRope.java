package dev.longrecipe.model.config;

/**
 * The RoPE parameters a model extended from L to L′ runs with: the base model's RoPE type and fields with a new
 * base θ′ — {@code trainer.ropeTheta} when given, else {@link DynamicNtkTheta} with s = {@code trainer.ropeFactor}
 * (default L′/L). The trainer trains and saves the extended model with it; the analyzer runs its H with it, so the
 * analysis compares H′ against the very model the extension starts from.
 */
public final class ExtensionRope {
    private ExtensionRope() {
    }

    /**
     * @param base          the base model's config (its RoPE and head dimension)
     * @param ropeTheta     {@code trainer.ropeTheta}, or {@code null} for the dynamic-NTK rule
     * @param ropeFactor    {@code trainer.ropeFactor} (s), or {@code null} for L′/L
     * @param contextLength L
     * @param targetLength  L′
     */
    public static RopeParameters forTarget(ModelConfig base, Double ropeTheta, Double ropeFactor, int contextLength,
                                           int targetLength) {
        return base.rope().withTheta(theta(base, ropeTheta, ropeFactor, contextLength, targetLength));
    }

    /** θ′ alone (see {@link #forTarget}). */
    public static double theta(ModelConfig base, Double ropeTheta, Double ropeFactor, int contextLength,
                               int targetLength) {
        if (ropeTheta != null) {
            if (!(ropeTheta > 0) || ropeTheta.isInfinite()) {
                throw new IllegalArgumentException("trainer.ropeTheta must be a positive number but was " + ropeTheta);
            }
            return ropeTheta;
        }
        double factor = ropeFactor != null ? ropeFactor : (double) targetLength / contextLength;
        return DynamicNtkTheta.theta(base.rope().theta(), base.headDim(), contextLength, targetLength, factor);
    }
}
