package dev.longrecipe.trainer.rope;

import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.schema.spec.TrainerParams;

/**
 * The RoPE parameters the extended model is trained and saved with: the base model's RoPE type and fields with a
 * new base θ′ — {@code trainer.ropeTheta} when given, else {@link DynamicNtkTheta} with
 * s = {@code trainer.ropeFactor} (default L′/L). The saved config.json also gets max_position_embeddings = L′.
 */
public final class TargetRope {
    private TargetRope() {
    }

    public static RopeParameters forTarget(ModelConfig base, TrainerParams params, int contextLength,
                                           int targetLength) {
        double theta;
        if (params.ropeTheta() != null) {
            if (!(params.ropeTheta() > 0) || params.ropeTheta().isInfinite()) {
                throw new IllegalArgumentException("trainer.ropeTheta must be a positive number but was "
                        + params.ropeTheta());
            }
            theta = params.ropeTheta();
        } else {
            double factor = params.ropeFactor() != null ? params.ropeFactor() : (double) targetLength / contextLength;
            theta = DynamicNtkTheta.theta(base.rope().theta(), base.headDim(), contextLength, targetLength, factor);
        }
        return base.rope().withTheta(theta);
    }
}
