package dev.longrecipe.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * The RoPE parameters of a model, in the normalised form of transformers v5 {@code rope_parameters}.
 * Fields a RoPE type does not use are {@code null}; which ones each type needs is checked by that type's
 * class in {@code dev.longrecipe.model.rope}, not here.
 *
 * @param ropeType                      "default", "linear", "dynamic", "yarn", "llama3"
 * @param theta                         the RoPE base (rope_theta)
 * @param factor                        scaling factor (linear, dynamic, yarn, llama3)
 * @param originalMaxPositionEmbeddings pre-extension context length (yarn, llama3)
 * @param lowFreqFactor                 llama3
 * @param highFreqFactor                llama3
 * @param betaFast                      yarn (default 32)
 * @param betaSlow                      yarn (default 1)
 * @param attentionFactor               yarn: explicit cos/sin multiplier (otherwise derived from factor)
 * @param mscale                        yarn (DeepSeek style attention factor)
 * @param mscaleAllDim                  yarn (DeepSeek style attention factor)
 * @param truncate                      yarn: round the correction range to whole dimensions (default true)
 */
public record RopeParameters(String ropeType, double theta, Double factor, Integer originalMaxPositionEmbeddings,
                             Double lowFreqFactor, Double highFreqFactor, Double betaFast, Double betaSlow,
                             Double attentionFactor, Double mscale, Double mscaleAllDim, Boolean truncate) {

    /** Keys of a rope dict this record understands; anything else in config.json is an error, not silently lost. */
    private static final Set<String> KNOWN_KEYS = Set.of("rope_type", "type", "rope_theta", "factor",
            "original_max_position_embeddings", "low_freq_factor", "high_freq_factor", "beta_fast", "beta_slow",
            "attention_factor", "mscale", "mscale_all_dim", "truncate");

    public RopeParameters {
        if (ropeType == null || ropeType.isBlank()) {
            throw new IllegalArgumentException("rope type is missing");
        }
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new IllegalArgumentException("rope_theta must be a positive number but was " + theta);
        }
        if (factor != null && !(factor > 0)) {
            throw new IllegalArgumentException("rope factor must be positive but was " + factor);
        }
    }

    /** Plain RoPE with base {@code theta}. */
    public static RopeParameters defaultRope(double theta) {
        return new RopeParameters("default", theta, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same parameters with another base, e.g. the extension phase's dynamic-NTK theta. */
    public RopeParameters withTheta(double newTheta) {
        return new RopeParameters(ropeType, newTheta, factor, originalMaxPositionEmbeddings, lowFreqFactor,
                highFreqFactor, betaFast, betaSlow, attentionFactor, mscale, mscaleAllDim, truncate);
    }

    /**
     * Reads a rope dict: a v5 {@code rope_parameters} object or a v4 {@code rope_scaling} object (which names its
     * type with {@code type} or {@code rope_type}); {@code fallbackTheta} is the top-level {@code rope_theta} of the
     * v4 form and is used when the dict has no {@code rope_theta}.
     */
    public static RopeParameters fromJson(JsonNode rope, double fallbackTheta, String where) {
        if (rope == null || rope.isNull()) {
            return defaultRope(fallbackTheta);
        }
        if (!rope.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object but was " + rope);
        }
        rope.fieldNames().forEachRemaining(key -> {
            if (!KNOWN_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + " has key '" + key + "' that this loader does not"
                        + " understand (known: " + KNOWN_KEYS + "); remove it or add support for it");
            }
        });
        String type = text(rope, "rope_type");
        if (type == null) {
            type = text(rope, "type");
        }
        if (type == null) {
            type = "default";
        }
        Double theta = number(rope, "rope_theta", where);
        return new RopeParameters(type, theta != null ? theta : fallbackTheta,
                number(rope, "factor", where),
                integer(rope, "original_max_position_embeddings", where),
                number(rope, "low_freq_factor", where),
                number(rope, "high_freq_factor", where),
                number(rope, "beta_fast", where),
                number(rope, "beta_slow", where),
                number(rope, "attention_factor", where),
                number(rope, "mscale", where),
                number(rope, "mscale_all_dim", where),
                rope.hasNonNull("truncate") ? rope.get("truncate").asBoolean() : null);
    }

    /** The transformers v5 {@code rope_parameters} object (theta and type inside). */
    public ObjectNode toRopeParametersJson() {
        ObjectNode node = scalingFields();
        node.put("rope_theta", theta);
        return node;
    }

    /**
     * The transformers v4 {@code rope_scaling} object (theta lives at the top level in that form), or {@code null}
     * for plain RoPE, as v4 configs write it.
     */
    public ObjectNode toRopeScalingJson() {
        return "default".equals(ropeType) ? null : scalingFields();
    }

    private ObjectNode scalingFields() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("rope_type", ropeType);
        putIfSet(node, "factor", factor);
        if (originalMaxPositionEmbeddings != null) {
            node.put("original_max_position_embeddings", originalMaxPositionEmbeddings);
        }
        putIfSet(node, "low_freq_factor", lowFreqFactor);
        putIfSet(node, "high_freq_factor", highFreqFactor);
        putIfSet(node, "beta_fast", betaFast);
        putIfSet(node, "beta_slow", betaSlow);
        putIfSet(node, "attention_factor", attentionFactor);
        putIfSet(node, "mscale", mscale);
        putIfSet(node, "mscale_all_dim", mscaleAllDim);
        if (truncate != null) {
            node.put("truncate", truncate);
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String key, Double value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + "." + key + " must be a number but was " + v);
        }
        return v.asDouble();
    }

    private static Integer integer(JsonNode node, String key, String where) {
        Double d = number(node, key, where);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException(where + "." + key + " must be a whole number but was " + d);
        }
        return d.intValue();
    }
}
