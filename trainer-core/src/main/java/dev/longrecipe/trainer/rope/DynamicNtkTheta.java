package dev.longrecipe.trainer.rope;

/**
 * The dynamic-NTK rule for θ′ (ALGORITHMS.md §5, paper Table 4). The rule moved to model-core
 * ({@link dev.longrecipe.model.config.DynamicNtkTheta}, where the analyzer reaches it too); this class forwards to
 * it so existing callers keep working.
 */
public final class DynamicNtkTheta {
    private DynamicNtkTheta() {
    }

    /** See {@link dev.longrecipe.model.config.DynamicNtkTheta#theta(double, int, int, int, double)}. */
    public static double theta(double theta, int headDim, int baseLength, int targetLength, double factor) {
        return dev.longrecipe.model.config.DynamicNtkTheta.theta(theta, headDim, baseLength, targetLength, factor);
    }

    /** θ′ with the default factor s = L′/L (the spec's default when {@code trainer.ropeFactor} is absent). */
    public static double theta(double theta, int headDim, int baseLength, int targetLength) {
        return dev.longrecipe.model.config.DynamicNtkTheta.theta(theta, headDim, baseLength, targetLength);
    }
}
