package dev.longrecipe.trainer.rope;

import dev.longrecipe.model.config.ExtensionRope;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.schema.spec.TrainerParams;

/**
 * The RoPE parameters the extended model is trained and saved with: the base model's RoPE type and fields with a
 * new base θ′ — {@code trainer.ropeTheta} when given, else {@link DynamicNtkTheta} with
 * s = {@code trainer.ropeFactor} (default L′/L). The saved config.json also gets max_position_embeddings = L′.
 * The rule lives in model-core ({@link ExtensionRope}) so the analyzer's H uses the same RoPE.
 */
public final class TargetRope {
    private TargetRope() {
    }

    public static RopeParameters forTarget(ModelConfig base, TrainerParams params, int contextLength,
                                           int targetLength) {
        return ExtensionRope.forTarget(base, params.ropeTheta(), params.ropeFactor(), contextLength, targetLength);
    }
}
