package dev.longrecipe.trainer.bench;

import dev.longrecipe.schema.ProgressListener;
import ai.djl.Device;
import dev.longrecipe.hf.DType;
import dev.longrecipe.model.bench.TrainBenchmark;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.tools.MainOptions;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.hf.BosToken;
import dev.longrecipe.draw.SamplesManifest;
import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.shards.Document;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.shards.SampleShardWriter;
import dev.longrecipe.shards.ShardFormat;
import dev.longrecipe.trainer.CheckpointListener;
import dev.longrecipe.trainer.Trainer;
import dev.longrecipe.trainer.TrainerInputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The paper's efficiency claim measured with this trainer: the same number of samples trained at the paper's
 * ratio (Ls = ratio·L′ tokens per sample, positions spread over [0, L′)) and with full-length training (FLT: L′
 * tokens at positions 0…L′−1), through {@link Trainer#run} (extension phase only, batches of --micro-batch samples,
 * 1 by default), on model-core's
 * benchmark Llama (d=256, 4 layers, vocab 2048). Reports tokens/s and seconds per sample, in wall time and in
 * process CPU time (the honest number on a shared machine), measured between the first and the last optimizer
 * step (the first step's warm-up and the final checkpoint write are excluded).
 *
 * <pre>trainer-core/bench.sh [--samples 6] [--target 2048] [--ratio 0.3] [--recompute false] [--micro-batch 1]</pre>
 */
public final class TrainerBenchmark {
    private TrainerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        MainOptions options = MainOptions.parse(args,
                "options: --samples N --target L′ --ratio r --recompute true|false --micro-batch N");
        int samples = options.integer("--samples", 6);
        int target = options.integer("--target", 2048);
        double ratio = options.real("--ratio", 0.3);
        boolean recompute = options.flag("--recompute", false);
        int microBatch = options.integer("--micro-batch", 1);
        if (samples % microBatch != 0) {
            throw new IllegalArgumentException("--samples must be a multiple of --micro-batch");
        }
        Path work = Files.createTempDirectory("trainer-bench");
        int contextLength = target / 4;
        ModelConfig config = TrainBenchmark.benchmarkModel(contextLength);
        Path base = work.resolve("base");
        try (LlamaModel model = LlamaModel.random(config, 1234, Device.cpu())) {
            model.saveHfFolder(base, DType.F32, null, null);
        }
        int ls = (int) Math.round(ratio * target);
        Result paper = run("ratio " + ratio, base, work, samples, ls, target, contextLength, recompute,
                microBatch);
        Result flt = run("FLT", base, work, samples, target, target, contextLength, recompute, microBatch);
        for (Result r : List.of(paper, flt)) {
            System.out.printf("%-10s T=%5d samples=%d micro_batch=%d tokens_per_s=%.0f s_per_sample=%.2f"
                            + " tokens_per_cpu_s=%.0f cpu_s_per_sample=%.2f final_loss=%.4f%n",
                    r.name, r.length, samples, microBatch, r.tokensPerSecond, r.secondsPerSample, r.tokensPerCpuSecond,
                    r.cpuSecondsPerSample, r.loss);
        }
        System.out.printf("same samples: ratio %.2f takes %.2fx the wall time of FLT (%.1fx faster), %.2fx the CPU"
                        + " time (%.1fx less), %.2fx the tokens%n",
                ratio, paper.secondsPerSample / flt.secondsPerSample, flt.secondsPerSample / paper.secondsPerSample,
                paper.cpuSecondsPerSample / flt.cpuSecondsPerSample,
                flt.cpuSecondsPerSample / paper.cpuSecondsPerSample, (double) ls / target);
    }

    private record Result(String name, int length, double tokensPerSecond, double secondsPerSample,
                          double tokensPerCpuSecond, double cpuSecondsPerSample, double loss) {
    }

    /** CPU time of this process, all threads (libtorch's included): meaningful when the machine is shared. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Result run(String name, Path base, Path work, int samples, int length, int target,
                              int contextLength, boolean recompute, int microBatch) throws IOException {
        Path dir = work.resolve("samples-" + length);
        writeSources(dir, base, samples, length, target);
        RunSpec spec = RunSpecs.parse("baseModel: base\ncorpus: c.jsonl\ncontextLength: " + contextLength
                + "\ntargetLength: " + target + "\ntrainer: {replayFraction: 0, recompute: " + recompute
                + ", checkpointEvery: 100000, extension: {steps: " + samples / microBatch + ", batchSize: " + microBatch
                + ", microBatchSize: " + microBatch + ","
                + " lr: 1.0e-4}}\n");
        List<long[]> marks = new ArrayList<>(); // (nanoTime, tokens, process CPU nanos) after each step
        double[] loss = {Double.NaN};
        new Trainer().run(new TrainerInputs(spec, base, dir, null, contextLength, target), work.resolve("out-" + length),
                ProgressListener.ofSteps(step -> {
                    marks.add(new long[] {System.nanoTime(), step.tokens(), processCpuNanos()});
                    loss[0] = step.loss();
                }, ProgressListener.NONE), CheckpointListener.NONE);
        long[] first = marks.get(0);
        long[] last = marks.get(marks.size() - 1);
        double seconds = (last[0] - first[0]) / 1e9;
        double cpuSeconds = (last[2] - first[2]) / 1e9;
        long tokens = last[1] - first[1];
        int steps = marks.size() - 1;
        int perStep = microBatch;
        return new Result(name, length, tokens / seconds, seconds / steps / perStep, tokens / cpuSeconds,
                cpuSeconds / steps / perStep,
                loss[0]);
    }

    /**
     * A samples folder as the segmenter writes it: {@code samples} spans of L′ random tokens, drawn as RPES (the first
     * Ls tokens at sorted random positions over [0, L′)) or, at full length, as FLT (positions 0…L′−1).
     */
    private static void writeSources(Path dir, Path base, int samples, int length, int target) throws IOException {
        Files.createDirectories(dir);
        SegmenterSettings settings = SegmenterSettings.builder().method(length == target ? "flt" : "rpes")
                .baseWindow(target / 4).targetLength(target).ratio((double) length / target)
                .anchorRule("digits").bos(BosToken.of(base)).build();
        Random random = new Random(length);
        Path shard = dir.resolve(ShardFormat.shardFileName(0));
        try (SampleShardWriter w = SampleShardWriter.forSources(shard, length, target)) {
            for (int i = 0; i < samples; i++) {
                int[] ids = random.ints(target, 3, 2048).toArray();
                w.write(new SampleSource(new Document(i, ids, new int[] {0, target}, new boolean[1]), 0));
            }
            w.close();
            SamplesManifest.write(dir, settings, List.of(w.summary()), Map.of());
        }
    }
}
