package dev.longrecipe.model.bench;

import ai.djl.Device;
import dev.longrecipe.model.config.Architecture;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.tools.MainOptions;
import dev.longrecipe.model.train.AdamW;
import dev.longrecipe.model.train.AdamWSettings;
import dev.longrecipe.model.train.Batch;
import dev.longrecipe.model.train.ConstantSchedule;
import dev.longrecipe.model.train.SeededRandom;
import dev.longrecipe.model.train.TrainStep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Training throughput and peak memory of a small Llama (d=256, 4 layers, 4 query / 2 key-value heads of 64,
 * intermediate 704, vocab 2048) on random tokens: full optimizer steps (forward, backward, clipping, AdamW),
 * batch 1; or a real model folder ({@code --model DIR}, e.g. the demo's base model) at any length. Run one
 * configuration per JVM (peak RSS is per process); {@code model-core/bench.sh} runs them all next to the same
 * model in PyTorch, {@code model-core/bench-long.sh} the long-context lengths.
 *
 * <pre>java ... dev.longrecipe.model.bench.TrainBenchmark --seq-len 2048 --recompute true --steps 4 [--model DIR]</pre>
 */
public final class TrainBenchmark {
    private TrainBenchmark() {
    }

    public static ModelConfig benchmarkModel(int maxPositions) {
        return new ModelConfig(Architecture.LLAMA, 2048, 256, 704, 4, 4, 2, 64, 1e-5, maxPositions, false,
                false, false, false, null, RopeParameters.defaultRope(10000));
    }

    public static void main(String[] args) throws IOException {
        MainOptions options = MainOptions.parse(args,
                "options: --seq-len N --recompute true|false --steps N --warmup N --model DIR");
        int seqLen = options.integer("--seq-len", 512);
        boolean recompute = options.flag("--recompute", false);
        int steps = options.integer("--steps", 4);
        int warmup = options.integer("--warmup", 1);
        Path modelDir = options.path("--model", null);
        SeededRandom rng = new SeededRandom(1234);
        try (LlamaModel model = modelDir != null ? LlamaModel.load(modelDir, Device.cpu())
                : LlamaModel.random(benchmarkModel(Math.max(seqLen, 512)), 1234, Device.cpu());
             AdamW adamw = new AdamW(model, AdamWSettings.withWeightDecay(0.1))) {
            ModelConfig config = model.config();
            TrainStep step = new TrainStep(model, adamw, new ConstantSchedule(1e-4, 0), 1.0, recompute);
            long tokens = 0;
            long start = 0;
            double lastLoss = Double.NaN;
            for (int i = 0; i < warmup + steps; i++) {
                if (i == warmup) {
                    start = System.nanoTime();
                }
                var result = step.run(List.of(randomBatch(rng, seqLen, config.vocabSize())));
                lastLoss = result.loss();
                if (i >= warmup) {
                    tokens += result.tokens();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("impl=djl model=%s T=%d recompute=%s steps=%d tokens_per_s=%.0f s_per_step=%.1f"
                            + " peak_rss_mb=%d loss=%.4f%n", modelDir == null ? "bench" : modelDir.getFileName(),
                    seqLen, recompute, steps, tokens / seconds, seconds / steps, ProcessMemory.statusKb("VmHWM") / 1024,
                    lastLoss);
        }
    }

    /** One sample of {@code seqLen} uniformly random tokens at positions 0…seqLen−1. */
    public static Batch randomBatch(SeededRandom rng, int seqLen, int vocab) {
        long[][] ids = new long[1][seqLen];
        long[][] pos = new long[1][seqLen];
        for (int t = 0; t < seqLen; t++) {
            ids[0][t] = rng.nextInt(vocab);
            pos[0][t] = t;
        }
        return Batch.causal(ids, pos);
    }
}
