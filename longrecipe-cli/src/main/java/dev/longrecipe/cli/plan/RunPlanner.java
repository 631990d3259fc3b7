package dev.longrecipe.cli.plan;

import dev.longrecipe.evaluator.memory.InsufficientMemoryException;
import dev.longrecipe.evaluator.memory.MemoryPlan;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.plan.TrainingFlops;
import dev.longrecipe.model.plan.TrainingMemory;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.TrainingPhase;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Before a run is submitted: the memory each stage needs at the spec's lengths on one device, whether it fits, and
 * what to change if it does not; with a throughput, the time of a training step. Float32 weights (the only dtype
 * the model code has today), the model's default attention chunk (128 MiB of scores).
 *
 * @param device        what the plan is for: "this machine (CPU)" or "a GPU with 80.0 GiB"
 * @param deviceBytes   the memory of that device
 * @param flopsPerSecond effective FLOP/s of a training step on that device, or 0 when unknown
 */
public record RunPlanner(String device, long deviceBytes, long runtimeBytes, double flopsPerSecond) {
    /** CUDA context and the caching allocator's slack, assumed for a declared GPU (not measured here). */
    public static final long GPU_RUNTIME_BYTES = 1L << 30;

    /** One training phase at one setting. */
    public record TrainingRow(String phase, long seqLen, int microBatch, boolean recompute, boolean specSetting,
                              TrainingMemory memory, double secondsPerStep, int steps, boolean fits) {
    }

    /** An inference stage: its peak and whether it fits. */
    public record StageRow(String stage, String what, long bytes, boolean fits, String note) {
    }

    public record Plan(List<TrainingRow> training, List<StageRow> stages, List<String> advice) {
        public boolean fits() {
            return training.stream().filter(TrainingRow::specSetting).allMatch(TrainingRow::fits)
                    && stages.stream().allMatch(StageRow::fits);
        }
    }

    /** A plan for this machine: its physical memory, the JVM + libtorch constant. */
    public static RunPlanner thisMachine(double flopsPerSecond) {
        long total = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        return new RunPlanner("this machine (CPU, " + TrainingMemory.human(total) + ")", total,
                TrainingMemory.CPU_RUNTIME_BYTES, flopsPerSecond);
    }

    /** A plan for a declared GPU of {@code bytes} memory. */
    public static RunPlanner gpu(long bytes, double flopsPerSecond) {
        return new RunPlanner("a GPU with " + TrainingMemory.human(bytes), bytes, GPU_RUNTIME_BYTES, flopsPerSecond);
    }

    /**
     * @param base       the base model's config (the trainer's and the evaluator's model)
     * @param contextL   L (the spec's contextLength, else the base model's window)
     */
    public Plan plan(RunSpec spec, ModelConfig base, int contextL) {
        int target = spec.targetLength();
        long chunk = LlamaModel.DEFAULT_ATTENTION_CHUNK_ELEMENTS;
        List<TrainingRow> rows = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        long sampleLength = "flt".equals(spec.method()) ? target : Math.round(spec.segmenter().ratio() * target);
        phase("extension", spec.trainer().extension(), sampleLength, spec, base, chunk, rows, advice);
        if (spec.trainer().replayFraction() > 0) {
            int block = spec.trainer().replayBlockLength() != null ? spec.trainer().replayBlockLength() : contextL;
            phase("replay", spec.trainer().replay(), block, spec, base, chunk, rows, advice);
        }

        List<StageRow> stages = new ArrayList<>();
        int analysisLength = spec.analyzer().length() != null ? spec.analyzer().length() : target;
        boolean halfAnalyzer = "float16".equals(spec.analyzer().weightStorage());
        // both models' weights; one model's forward at a time, the other's last hidden states (T, d) kept
        long analyzer = 2 * (halfAnalyzer ? weights(base) / 2 : weights(base))
                + forwardBytes(base, analysisLength, chunk) + 4L * analysisLength * base.hiddenSize() + runtimeBytes;
        stages.add(new StageRow("analyzer", "H and H′ at " + analysisLength + " tokens, "
                + spec.analyzer().weightStorage(), analyzer, analyzer <= deviceBytes,
                "both models at once; logits a block of positions at a time"));
        long largest = 0;
        for (var p : dev.longrecipe.model.llama.LlamaLayout.parameters(base)) {
            largest = Math.max(largest, p.numel());
        }
        int models = Math.max(2, spec.merger().models().size());
        long merger = (models + 1) * largest * 4 + runtimeBytes;
        stages.add(new StageRow("merger", models + " models, one tensor at a time", merger, merger <= deviceBytes,
                "streams tensors; peak ≈ one tensor per model"));
        int longest = longestEvaluation(spec, contextL);
        try {
            MemoryPlan eval = MemoryPlan.plan(base, longest, deviceBytes - runtimeBytes, chunk,
                    spec.evaluator().batchSize(), "float16".equals(spec.evaluator().weightStorage()));
            stages.add(new StageRow("evaluator", "prompts of " + longest + " tokens, batch " + eval.batchSize()
                    + ", " + spec.evaluator().weightStorage(),
                    eval.totalBytes() + runtimeBytes, true, "batch and prefill chunk chosen to fit"));
        } catch (InsufficientMemoryException e) {
            stages.add(new StageRow("evaluator", "prompts of " + longest + " tokens", -1, false, e.getMessage()));
            advice.add("evaluator: " + e.getMessage());
        }
        return new Plan(rows, stages, advice);
    }

    private void phase(String name, TrainingPhase phase, long seqLen, RunSpec spec, ModelConfig c, long chunk,
                       List<TrainingRow> rows, List<String> advice) {
        int micro = phase.microBatchSize();
        boolean specRecompute = spec.trainer().recompute();
        for (boolean recompute : new boolean[]{specRecompute, !specRecompute}) {
            TrainingMemory m = TrainingMemory.estimate(c, micro, seqLen, recompute, chunk, runtimeBytes);
            double seconds = flopsPerSecond > 0
                    ? TrainingFlops.perSample(c, seqLen, recompute) * phase.batchSize() / flopsPerSecond : Double.NaN;
            int steps = phase.steps() != null ? phase.steps() : 0;
            rows.add(new TrainingRow(name, seqLen, micro, recompute, recompute == specRecompute, m, seconds, steps,
                    m.totalBytes() <= deviceBytes));
        }
        TrainingMemory asSpecified = TrainingMemory.estimate(c, micro, seqLen, specRecompute, chunk, runtimeBytes);
        if (asSpecified.totalBytes() <= deviceBytes) {
            return;
        }
        String field = "trainer." + name + ".microBatchSize";
        String need = name + " needs " + TrainingMemory.human(asSpecified.totalBytes()) + " on " + device + " at "
                + seqLen + " tokens × micro-batch " + micro;
        long state = asSpecified.totalBytes() - asSpecified.activationBytes();
        if (state > deviceBytes) {
            advice.add(need + ": the float32 weights, gradients and AdamW moments alone take "
                    + TrainingMemory.human(state) + " before any activation; this needs half-precision weights or"
                    + " optimizer state off the device (neither is implemented yet) or several devices");
            return;
        }
        if (!specRecompute && TrainingMemory.estimate(c, micro, seqLen, true, chunk, runtimeBytes).totalBytes()
                <= deviceBytes) {
            advice.add(need + ": set trainer.recompute: true (memory linear in T, one extra forward per step)");
            return;
        }
        for (int b = micro - 1; b >= 1; b--) {
            if (TrainingMemory.estimate(c, b, seqLen, true, chunk, runtimeBytes).totalBytes() <= deviceBytes) {
                advice.add(need + ": set " + field + ": " + b + (specRecompute ? "" : " and trainer.recompute: true")
                        + " (batchSize stays " + phase.batchSize() + " by gradient accumulation"
                        + (phase.batchSize() % b == 0 ? ")" : "; make batchSize a multiple of it)"));
                return;
            }
        }
        long fitting = longestFitting(c, chunk);
        advice.add(need + ": even one sample with recomputation does not fit; samples of at most " + fitting
                + " tokens do" + ("extension".equals(name) && !"flt".equals(spec.method())
                ? String.format(Locale.ROOT, " (segmenter.ratio ≤ %.3f at L′ = %d)",
                fitting / (double) spec.targetLength(), spec.targetLength())
                : " (a shorter targetLength or trainer.replayBlockLength)") + ", or use a device with more memory");
    }

    /** The longest sample that fits at micro-batch 1 with recomputation (0 if the optimizer state alone does not). */
    long longestFitting(ModelConfig c, long chunk) {
        long lo = 0;
        long hi = 1L << 24;
        while (lo < hi) {
            long mid = (lo + hi + 1) / 2;
            if (TrainingMemory.estimate(c, 1, mid, true, chunk, runtimeBytes).totalBytes() <= deviceBytes) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static int longestEvaluation(RunSpec spec, int contextL) {
        List<Integer> lengths = spec.evaluator().lengths();
        if (lengths == null || lengths.isEmpty()) {
            return Math.max(Math.max(contextL, 2 * contextL), spec.targetLength());
        }
        return lengths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static long weights(ModelConfig c) {
        return TrainingMemory.parameterCount(c) * 4;
    }

    /** A scoring pass of T tokens: hidden states, one layer's working set, one attention chunk, a block of logits. */
    private static long forwardBytes(ModelConfig c, long t, long chunk) {
        long heads = c.numAttentionHeads();
        long qkv = (heads + 2L * c.numKeyValueHeads()) * c.headDim();
        long perToken = 3L * c.hiddenSize() + 4 * qkv + 2 * heads * c.headDim() + 5L * c.intermediateSize();
        long rows = Math.max(1, Math.min(t, chunk / Math.max(1, heads * t)));
        long scores = 3 * heads * rows * t;
        long logits = 2 * Math.min(t, Math.max(1, (1L << 21) / c.vocabSize())) * c.vocabSize(); // a block of rows
        return (t * perToken + scores + logits + 2 * t * c.hiddenSize()) * 4;
    }
}
