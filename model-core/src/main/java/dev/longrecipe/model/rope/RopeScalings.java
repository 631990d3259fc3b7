package dev.longrecipe.model.rope;

import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** The one registry of RoPE types: config.json's {@code rope_type} to the class that computes it. */
public final class RopeScalings {

    private static final Map<String, BiFunction<RopeParameters, ModelConfig, RopeScaling>> TYPES =
            new LinkedHashMap<>();

    static {
        TYPES.put("default", (p, c) -> new DefaultRope(p.theta(), c.headDim()));
        TYPES.put("linear", (p, c) -> new LinearRope(p.theta(), c.headDim(), required(p.factor(), "linear", "factor")));
        TYPES.put("dynamic", (p, c) -> new DynamicNtkRope(p.theta(), c.headDim(),
                required(p.factor(), "dynamic", "factor"), c.maxPositionEmbeddings()));
        TYPES.put("yarn", (p, c) -> new YarnRope(p.theta(), c.headDim(), required(p.factor(), "yarn", "factor"),
                p.originalMaxPositionEmbeddings() != null ? p.originalMaxPositionEmbeddings()
                        : c.maxPositionEmbeddings(),
                p.attentionFactor(),
                p.betaFast() != null && p.betaFast() != 0 ? p.betaFast() : 32.0,
                p.betaSlow() != null && p.betaSlow() != 0 ? p.betaSlow() : 1.0,
                p.mscale(), p.mscaleAllDim(), p.truncate() == null || p.truncate()));
        TYPES.put("llama3", (p, c) -> new Llama3Rope(p.theta(), c.headDim(), required(p.factor(), "llama3", "factor"),
                required(p.lowFreqFactor(), "llama3", "low_freq_factor"),
                required(p.highFreqFactor(), "llama3", "high_freq_factor"),
                required(p.originalMaxPositionEmbeddings(), "llama3", "original_max_position_embeddings")));
    }

    private RopeScalings() {
    }

    /** The RoPE of {@code config}; an unknown type names the supported ones. */
    public static RopeScaling forConfig(ModelConfig config) {
        RopeParameters rope = config.rope();
        var factory = TYPES.get(rope.ropeType());
        if (factory == null) {
            throw new IllegalArgumentException("unsupported rope_type '" + rope.ropeType() + "' (supported: "
                    + String.join(", ", TYPES.keySet()) + ")");
        }
        return factory.apply(rope, config);
    }

    public static java.util.Set<String> supportedTypes() {
        return java.util.Collections.unmodifiableSet(TYPES.keySet());
    }

    private static <T> T required(T value, String type, String key) {
        if (value == null) {
            throw new IllegalArgumentException("rope_type '" + type + "' requires '" + key
                    + "' in rope_parameters / rope_scaling");
        }
        return value;
    }
}
