package dev.longrecipe.model.config;

/**
 * The RoPE base the paper fixes for the extended window (docs/ALGORITHMS.md §5, paper Table 4): the dynamic-NTK rule
 * of transformers' {@code dynamic} RoPE type evaluated once, at the target length, and then kept constant:
 *
 * <pre>θ′ = θ · (s · L′ / L − (s − 1)) ^ (d / (d − 2))</pre>
 *
 * with d the head dimension, s the scaling factor, L the base window and L′ the target window.
 *
 * <p>Which L and L′ reproduce Table 4 (all with d = 128): in every column the paper's number comes out when
 * L′/L = s, i.e. the rule is evaluated at L′ = s·L, where it reduces to θ·(s² − s + 1)^(d/(d−2)).
 * <ul>
 *   <li>Llama3-8B, θ = 500 000, L = 8k → L′ = 80k, s = 10: θ′ = 500 000 · 91^(64/63) ≈ 48.9M.</li>
 *   <li>Llama3-8B, L = 8k → L′ = 128k, s = 16: θ′ = 500 000 · 241^(64/63) ≈ 131.5M.</li>
 *   <li>Qwen2-7B, θ = 10^6, L = 32k → L′ = 128k, s = 4: θ′ = 10^6 · 13^(64/63) ≈ 13.5M. The paper's Qwen2-7B
 *       <em>80k</em> column also lists 13.5M with s = 4, which the rule gives only at L′ = s·L = 128k (at
 *       L′ = 80k it would give ≈ 7.2M): for that run the authors evaluated the rule at s·L, not at the training
 *       target. Setting {@code trainer.ropeFactor} and {@code targetLength} so that L′ = s·L, or giving
 *       {@code trainer.ropeTheta} directly, reproduces either choice.</li>
 * </ul>
 */
public final class DynamicNtkTheta {
    private DynamicNtkTheta() {
    }

    /**
     * θ′ for a model with base {@code theta} and head dimension {@code headDim} moved from window
     * {@code baseLength} (L) to {@code targetLength} (L′) with scaling factor {@code factor} (s).
     *
     * @throws IllegalArgumentException when an argument is out of range or the rule's base is not positive
     */
    public static double theta(double theta, int headDim, int baseLength, int targetLength, double factor) {
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("rope theta must be a positive number but was " + theta);
        }
        if (headDim <= 2 || headDim % 2 != 0) {
            throw new IllegalArgumentException("head dimension must be even and greater than 2 but was " + headDim);
        }
        if (baseLength <= 0 || targetLength <= 0) {
            throw new IllegalArgumentException("context lengths must be positive but were L=" + baseLength
                    + ", L′=" + targetLength);
        }
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("rope factor s must be at least 1 but was " + factor
                    + "; set trainer.ropeFactor to a value ≥ 1 or leave it out (then s = L′/L)");
        }
        double base = factor * targetLength / baseLength - (factor - 1);
        if (!(base > 0)) {
            throw new IllegalArgumentException("dynamic-NTK rule gives a non-positive base s·L′/L − (s−1) = " + base
                    + " for s=" + factor + ", L=" + baseLength + ", L′=" + targetLength
                    + "; L′ must be longer than L·(s−1)/s, or give trainer.ropeTheta directly");
        }
        return theta * Math.pow(base, (double) headDim / (headDim - 2));
    }

    /** θ′ with the default factor s = L′/L (the spec's default when {@code trainer.ropeFactor} is absent). */
    public static double theta(double theta, int headDim, int baseLength, int targetLength) {
        return theta(theta, headDim, baseLength, targetLength, (double) targetLength / baseLength);
    }
}
