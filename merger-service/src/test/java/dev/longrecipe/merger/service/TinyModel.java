package dev.longrecipe.merger.service;

import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.ShardedModelWriter;
import dev.longrecipe.hf.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A tiny random Llama-shaped model folder, the merger tests' input. */
final class TinyModel {
    private TinyModel() {
    }

    /** The tensors of a tiny Llama-shaped model (hidden 16, vocab 32, 2 layers). */
    static List<TensorSpec> plan() {
        List<TensorSpec> plan = new ArrayList<>();
        plan.add(new TensorSpec("model.embed_tokens.weight", DType.F32, new long[] {32, 16}));
        for (int layer = 0; layer < 2; layer++) {
            String p = "model.layers." + layer + ".";
            plan.add(new TensorSpec(p + "input_layernorm.weight", DType.F32, new long[] {16}));
            plan.add(new TensorSpec(p + "self_attn.q_proj.weight", DType.F32, new long[] {16, 16}));
            plan.add(new TensorSpec(p + "mlp.up_proj.weight", DType.F32, new long[] {40, 16}));
        }
        plan.add(new TensorSpec("model.norm.weight", DType.F32, new long[] {16}));
        return plan;
    }

    /** Writes a tiny random model with config.json and tokenizer.json; {@code maxShardBytes} small → sharded. */
    static Path write(Path dir, long seed, long maxShardBytes) {
        Random random = new Random(seed);
        try (ShardedModelWriter writer = new ShardedModelWriter(dir, plan(), maxShardBytes)) {
            writer.addFile("config.json", "{\"model_type\":\"llama\",\"max_position_embeddings\":1024}"
                    .getBytes(StandardCharsets.UTF_8));
            writer.addFile("tokenizer.json", ("{\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8));
            for (TensorSpec t : plan()) {
                float[] values = new float[(int) t.numel()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                writer.writeFloat32(t.name(), values);
            }
        }
        return dir;
    }
}
