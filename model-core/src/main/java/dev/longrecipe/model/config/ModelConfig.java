package dev.longrecipe.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The architecture of a Llama-family decoder, read from a Hugging Face config.json in either form published models
 * use: transformers v5 ({@code rope_parameters}) or the older {@code rope_theta} + {@code rope_scaling}. Both forms
 * of the same model give equal records.
 *
 * @param attentionBias      q/k/v projections carry biases (Qwen2 always; Llama with attention_bias)
 * @param outputBias         o_proj carries a bias (Llama with attention_bias)
 * @param mlpBias            gate/up/down projections carry biases (Llama with mlp_bias)
 * @param slidingWindow      Mistral's attention window in tokens, or {@code null} for full causal attention
 */
public record ModelConfig(Architecture architecture, int vocabSize, int hiddenSize, int intermediateSize,
                          int numHiddenLayers, int numAttentionHeads, int numKeyValueHeads, int headDim,
                          double rmsNormEps, int maxPositionEmbeddings, boolean tieWordEmbeddings,
                          boolean attentionBias, boolean outputBias, boolean mlpBias, Integer slidingWindow,
                          RopeParameters rope) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelConfig {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("num_key_value_heads", numKeyValueHeads);
        positive("head_dim", headDim);
        positive("max_position_embeddings", maxPositionEmbeddings);
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numAttentionHeads
                    + ") must be a multiple of num_key_value_heads (" + numKeyValueHeads + ")");
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even for RoPE but was " + headDim);
        }
        if (!(rmsNormEps > 0)) {
            throw new IllegalArgumentException("rms_norm_eps must be positive but was " + rmsNormEps);
        }
        if (slidingWindow != null && slidingWindow <= 0) {
            throw new IllegalArgumentException("sliding_window must be positive or null but was " + slidingWindow);
        }
        if (rope == null) {
            throw new IllegalArgumentException("rope parameters are missing");
        }
    }

    /** Query heads that share one key/value head (grouped-query attention). */
    public int queryGroupSize() {
        return numAttentionHeads / numKeyValueHeads;
    }

    /** The same model with other RoPE parameters and context window (what the extension phase changes). */
    public ModelConfig withRope(RopeParameters newRope, int newMaxPositionEmbeddings) {
        return new ModelConfig(architecture, vocabSize, hiddenSize, intermediateSize, numHiddenLayers,
                numAttentionHeads, numKeyValueHeads, headDim, rmsNormEps, newMaxPositionEmbeddings,
                tieWordEmbeddings, attentionBias, outputBias, mlpBias, slidingWindow, newRope);
    }

    public static ModelConfig read(Path configJson) {
        try {
            return parse(JSON.readTree(Files.readAllBytes(configJson)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configJson + ": " + e.getMessage(), e);
        }
    }

    public static ModelConfig parse(JsonNode c) {
        if (c == null || !c.isObject()) {
            throw new IllegalArgumentException("config.json must be a JSON object");
        }
        Architecture arch = architectureOf(c);
        String act = c.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            throw new IllegalArgumentException("hidden_act '" + act + "' is not supported (only silu, as in "
                    + "Llama, Mistral and Qwen2)");
        }
        if (c.hasNonNull("partial_rotary_factor") && c.get("partial_rotary_factor").asDouble() != 1.0) {
            throw new IllegalArgumentException("partial_rotary_factor " + c.get("partial_rotary_factor")
                    + " is not supported (RoPE over the whole head only)");
        }
        int hidden = requiredInt(c, "hidden_size");
        int heads = requiredInt(c, "num_attention_heads");
        int kvHeads = c.hasNonNull("num_key_value_heads") ? requiredInt(c, "num_key_value_heads") : heads;
        int headDim = c.hasNonNull("head_dim") ? requiredInt(c, "head_dim") : hidden / heads;

        boolean attentionBias;
        boolean outputBias;
        boolean mlpBias;
        Integer slidingWindow = null;
        switch (arch) {
            case QWEN2 -> {
                attentionBias = true;
                outputBias = false;
                mlpBias = false;
                if (c.path("use_sliding_window").asBoolean(false)) {
                    throw new IllegalArgumentException("Qwen2 use_sliding_window=true is not supported; set it to "
                            + "false (the released Qwen2 models do)");
                }
            }
            case MISTRAL -> {
                attentionBias = false;
                outputBias = false;
                mlpBias = false;
                slidingWindow = c.hasNonNull("sliding_window") ? requiredInt(c, "sliding_window") : null;
            }
            default -> {
                attentionBias = c.path("attention_bias").asBoolean(false);
                outputBias = attentionBias;
                mlpBias = c.path("mlp_bias").asBoolean(false);
            }
        }
        return new ModelConfig(arch, requiredInt(c, "vocab_size"), hidden, requiredInt(c, "intermediate_size"),
                requiredInt(c, "num_hidden_layers"), heads, kvHeads, headDim,
                c.path("rms_norm_eps").asDouble(1e-6), requiredInt(c, "max_position_embeddings"),
                c.path("tie_word_embeddings").asBoolean(false), attentionBias, outputBias, mlpBias, slidingWindow,
                ropeOf(c));
    }

    private static RopeParameters ropeOf(JsonNode c) {
        double topTheta = c.hasNonNull("rope_theta") ? c.get("rope_theta").asDouble() : 10000.0;
        if (c.hasNonNull("rope_parameters")) {
            return RopeParameters.fromJson(c.get("rope_parameters"), topTheta, "rope_parameters");
        }
        return RopeParameters.fromJson(c.get("rope_scaling"), topTheta, "rope_scaling");
    }

    private static Architecture architectureOf(JsonNode c) {
        JsonNode archs = c.get("architectures");
        if (archs != null && archs.isArray() && archs.size() > 0) {
            if (archs.size() > 1) {
                throw new UnsupportedArchitectureException("config.json lists several architectures " + archs
                        + "; expected exactly one of " + Architecture.supportedNames());
            }
            return Architecture.fromHfClassName(archs.get(0).asText());
        }
        if (c.hasNonNull("model_type")) {
            return Architecture.fromModelType(c.get("model_type").asText());
        }
        throw new UnsupportedArchitectureException("config.json names no architecture (no 'architectures' and no "
                + "'model_type'); supported: " + Architecture.supportedNames());
    }

    /**
     * Writes this config's architecture-independent changes (RoPE, context window) into a copy of the config.json
     * the model was loaded from, keeping that file's RoPE form (v5 {@code rope_parameters} or v4 {@code rope_theta} +
     * {@code rope_scaling}) so it loads in the same transformers versions as the original.
     */
    public ObjectNode applyTo(JsonNode sourceConfig) {
        ObjectNode out = sourceConfig.deepCopy();
        out.put("max_position_embeddings", maxPositionEmbeddings);
        if (out.has("rope_parameters")) {
            out.set("rope_parameters", rope.toRopeParametersJson());
            out.remove("rope_scaling");
            out.remove("rope_theta");
        } else {
            out.put("rope_theta", rope.theta());
            ObjectNode scaling = rope.toRopeScalingJson();
            if (scaling == null) {
                out.putNull("rope_scaling");
            } else {
                out.set("rope_scaling", scaling);
            }
        }
        return out;
    }

    /** A minimal config.json for a model made in Java (benchmarks, tests), in the transformers v5 form. */
    public ObjectNode toJson() {
        ObjectNode out = JSON.createObjectNode();
        out.putArray("architectures").add(architecture.hfClassName());
        out.put("model_type", architecture.modelType());
        out.put("vocab_size", vocabSize);
        out.put("hidden_size", hiddenSize);
        out.put("intermediate_size", intermediateSize);
        out.put("num_hidden_layers", numHiddenLayers);
        out.put("num_attention_heads", numAttentionHeads);
        out.put("num_key_value_heads", numKeyValueHeads);
        out.put("head_dim", headDim);
        out.put("hidden_act", "silu");
        out.put("rms_norm_eps", rmsNormEps);
        out.put("max_position_embeddings", maxPositionEmbeddings);
        out.put("tie_word_embeddings", tieWordEmbeddings);
        if (architecture == Architecture.LLAMA) {
            out.put("attention_bias", attentionBias);
            out.put("mlp_bias", mlpBias);
        }
        if (architecture == Architecture.MISTRAL) {
            if (slidingWindow == null) {
                out.putNull("sliding_window");
            } else {
                out.put("sliding_window", slidingWindow);
            }
        }
        out.set("rope_parameters", rope.toRopeParametersJson());
        return out;
    }

    private static int requiredInt(JsonNode c, String key) {
        JsonNode v = c.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("config.json is missing '" + key + "'");
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("config.json '" + key + "' must be an integer but was " + v);
        }
        return v.asInt();
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }
}
