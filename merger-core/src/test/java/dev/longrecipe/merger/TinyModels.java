package dev.longrecipe.merger;

import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.ShardedModelWriter;
import dev.longrecipe.hf.TensorSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds tiny random Llama-shaped model folders for merge tests. */
final class TinyModels {

    private TinyModels() {
    }

    /** A 2-layer decoder's tensor names and shapes (hidden 16, vocab 32), all in {@code dtype}. */
    static List<TensorSpec> plan(DType dtype) {
        List<TensorSpec> plan = new ArrayList<>();
        plan.add(new TensorSpec("model.embed_tokens.weight", dtype, new long[] {32, 16}));
        for (int layer = 0; layer < 2; layer++) {
            String p = "model.layers." + layer + ".";
            plan.add(new TensorSpec(p + "input_layernorm.weight", dtype, new long[] {16}));
            plan.add(new TensorSpec(p + "self_attn.q_proj.weight", dtype, new long[] {16, 16}));
            plan.add(new TensorSpec(p + "self_attn.k_proj.weight", dtype, new long[] {8, 16}));
            plan.add(new TensorSpec(p + "mlp.up_proj.weight", dtype, new long[] {40, 16}));
        }
        plan.add(new TensorSpec("model.norm.weight", dtype, new long[] {16}));
        plan.add(new TensorSpec("lm_head.weight", dtype, new long[] {32, 16}));
        return plan;
    }

    /** Writes a model with random normal weights (seeded) plus config.json naming {@code ropeType} and a tokenizer.json. */
    static Path write(Path dir, List<TensorSpec> plan, long maxShardBytes, long seed, String ropeType) {
        Random random = new Random(seed);
        try (ShardedModelWriter w = new ShardedModelWriter(dir, plan, maxShardBytes)) {
            w.addFile("config.json", ("{\"model_type\":\"llama\",\"rope_parameters\":{\"rope_type\":\"" + ropeType + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
            w.addFile("tokenizer.json", ("{\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8));
            for (TensorSpec t : plan) {
                float[] v = new float[(int) t.numel()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) random.nextGaussian();
                }
                w.writeFloat32(t.name(), v);
            }
        }
        return dir;
    }

    static Path write(Path dir, DType dtype, long maxShardBytes, long seed, String ropeType) {
        return write(dir, plan(dtype), maxShardBytes, seed, ropeType);
    }
}
