package dev.longrecipe.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.ShardedModelWriter;
import dev.longrecipe.hf.TensorSpec;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaLayout;
import dev.longrecipe.model.llama.ParameterSpec;
import dev.longrecipe.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A freshly initialised Llama as a Hugging Face folder: matrices ~ N(0, 0.02²) (transformers' initializer_range),
 * RMSNorm weights 1, the given tokenizer.json copied in. The starting point of the demo's own base model.
 *
 * @param hidden       d_model
 * @param layers       decoder layers
 * @param heads        query heads
 * @param kvHeads      key/value heads (grouped-query attention)
 * @param intermediate SwiGLU width
 * @param window       max_position_embeddings: the window L the model is trained at
 */
public record RandomLlama(int hidden, int layers, int heads, int kvHeads, int intermediate, int window,
        double ropeTheta) {

    public Path write(Path dir, Path tokenizerJson, int vocabSize, int bosId, int eosId, long seed) throws IOException {
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.putArray("architectures").add("LlamaForCausalLM");
        config.put("model_type", "llama");
        config.put("vocab_size", vocabSize);
        config.put("hidden_size", hidden);
        config.put("intermediate_size", intermediate);
        config.put("num_hidden_layers", layers);
        config.put("num_attention_heads", heads);
        config.put("num_key_value_heads", kvHeads);
        config.put("head_dim", hidden / heads);
        config.put("max_position_embeddings", window);
        config.put("rms_norm_eps", 1e-5);
        config.put("rope_theta", ropeTheta);
        config.put("hidden_act", "silu");
        config.put("tie_word_embeddings", true);
        config.put("attention_bias", false);
        config.put("mlp_bias", false);
        config.put("bos_token_id", bosId);
        config.put("eos_token_id", eosId);
        config.put("torch_dtype", "float32");
        config.put("initializer_range", 0.02);
        ModelConfig parsed = ModelConfig.parse(config);
        List<ParameterSpec> params = LlamaLayout.parameters(parsed);
        List<TensorSpec> plan = params.stream().map(p -> new TensorSpec(p.name(), DType.F32, p.shape())).toList();
        Random random = new Random(seed);
        try (ShardedModelWriter writer = new ShardedModelWriter(dir, plan, Long.MAX_VALUE)) {
            writer.addFile("config.json", Json.writePretty(config).getBytes(StandardCharsets.UTF_8));
            writer.addFile("tokenizer.json", Files.readAllBytes(tokenizerJson));
            for (ParameterSpec p : params) {
                float[] values = new float[Math.toIntExact(p.numel())];
                boolean norm = p.shape().length == 1 && !p.name().endsWith(".bias");
                for (int i = 0; i < values.length; i++) {
                    values[i] = norm ? 1f : p.shape().length == 1 ? 0f : (float) (random.nextGaussian() * 0.02);
                }
                writer.writeFloat32(p.name(), values);
            }
        }
        return dir;
    }
}
