package dev.longrecipe.cli.plan;

import ai.djl.Device;
import dev.longrecipe.cli.oneshot.OneShotSpec;
import dev.longrecipe.model.bench.TrainBenchmark;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.plan.TrainingFlops;
import dev.longrecipe.model.plan.TrainingMemory;
import dev.longrecipe.model.train.AdamW;
import dev.longrecipe.model.train.AdamWSettings;
import dev.longrecipe.model.train.ConstantSchedule;
import dev.longrecipe.model.train.TrainStep;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.spec.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code longrecipe plan SPEC}: before submitting, the memory of every stage at the spec's lengths (weights,
 * gradients, AdamW state, activations; training with and without recomputation), whether it fits the device, what
 * to change if it does not, and the time of a training step. Needs only the base model's config.json.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Estimate memory and step time of a run spec per stage, and whether it fits a device.")
public final class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "run spec (YAML or JSON)")
    Path specFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a spec value, e.g. --set segmenter.ratio=0.2")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Option(names = "--device-memory", paramLabel = "SIZE",
            description = "plan for a GPU with this much memory, e.g. 80GiB (default: this machine's RAM, on the CPU)")
    String deviceMemory;

    @Option(names = "--flops", paramLabel = "FLOP/S",
            description = "the device's peak FLOP/s, e.g. 989e12 (default: measured on this machine)")
    Double flops;

    @Option(names = "--utilization", defaultValue = "0.4",
            description = "fraction of --flops a training step reaches (default: ${DEFAULT-VALUE})")
    double utilization;

    @Option(names = "--base-config", paramLabel = "PATH",
            description = "config.json (or its folder) of the base model, instead of the spec's baseModel")
    Path baseConfig;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        RunSpec spec = OneShotSpec.load("plan", specFile, overrides, Map.of());
        ModelConfig base = readConfig(baseConfig != null ? baseConfig : modelPath(spec.baseModel()));
        double flopsPerSecond;
        String throughput;
        if (flops != null) {
            flopsPerSecond = flops * utilization;
            throughput = String.format(Locale.ROOT, "%.3g FLOP/s × %.0f %% utilization (given)", flops, utilization * 100);
        } else if (deviceMemory == null) {
            flopsPerSecond = measureThisMachine();
            throughput = String.format(Locale.ROOT, "%.3g FLOP/s effective, measured on this machine", flopsPerSecond);
        } else {
            flopsPerSecond = 0;
            throughput = "unknown (give --flops for step times)";
        }
        RunPlanner planner = deviceMemory != null ? RunPlanner.gpu(Sizes.parse(deviceMemory), flopsPerSecond)
                : RunPlanner.thisMachine(flopsPerSecond);
        int contextL = spec.contextLengthOr(base.maxPositionEmbeddings());
        RunPlanner.Plan plan = planner.plan(spec, base, contextL);
        print(out, spec, base, contextL, planner, throughput, plan);
        return plan.fits() ? 0 : 3;
    }

    static void print(PrintStream out, RunSpec spec, ModelConfig base, int contextL, RunPlanner planner,
                      String throughput, RunPlanner.Plan plan) {
        out.printf(Locale.ROOT, "Plan for %s: %s, %,d parameters (float32), L = %d → L′ = %d, method %s%n",
                planner.device(), base.architecture().hfClassName(), TrainingMemory.parameterCount(base), contextL,
                spec.targetLength(), spec.method());
        out.println("Throughput: " + throughput);
        out.println();
        out.printf("%-9s %7s %5s %9s | %9s %9s %9s %11s %9s | %9s %5s | %9s %9s%n", "training", "tokens", "micro",
                "recompute", "weights", "grads", "AdamW", "activations", "runtime", "total", "fits", "s/step", "phase");
        for (RunPlanner.TrainingRow r : plan.training()) {
            TrainingMemory m = r.memory();
            out.printf(Locale.ROOT, "%-9s %7d %5d %9s | %9s %9s %9s %11s %9s | %9s %5s | %9s %9s%n",
                    r.phase(), r.seqLen(), r.microBatch(), (r.recompute() ? "yes" : "no") + (r.specSetting() ? "*" : ""),
                    h(m.weightBytes()), h(m.gradientBytes()), h(m.optimizerBytes()), h(m.activationBytes()),
                    h(m.runtimeBytes()), h(m.totalBytes()), r.fits() ? "yes" : "NO", seconds(r.secondsPerStep()),
                    duration(r.secondsPerStep() * r.steps()));
        }
        out.println("(* the spec's setting)");
        out.println();
        for (RunPlanner.StageRow s : plan.stages()) {
            out.printf(Locale.ROOT, "%-9s %-40s %9s %5s  %s%n", s.stage(), s.what(), s.bytes() < 0 ? "-" : h(s.bytes()),
                    s.fits() ? "yes" : "NO", s.fits() ? s.note() : "");
        }
        out.println();
        if (plan.fits()) {
            out.println("The run fits " + planner.device() + ".");
        } else {
            out.println("The run does NOT fit " + planner.device() + ":");
            plan.advice().forEach(a -> out.println("  - " + a));
        }
    }

    private static String h(long bytes) {
        return TrainingMemory.human(bytes);
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "-" : s < 10 ? String.format(Locale.ROOT, "%.2f", s) : String.format(Locale.ROOT, "%.0f", s);
    }

    private static String duration(double s) {
        if (Double.isNaN(s) || s <= 0) {
            return "-";
        }
        long m = Math.round(s / 60);
        return m < 60 ? m + " min" : String.format(Locale.ROOT, "%.1f h", m / 60.0);
    }

    private Path modelPath(String baseModel) {
        if (baseModel == null || baseModel.startsWith("s3://")) {
            throw new IllegalArgumentException("the spec's baseModel " + (baseModel == null ? "is not set" : "'"
                    + baseModel + "' is in S3") + "; give its config.json with --base-config PATH");
        }
        Path p = Path.of(baseModel);
        return p.isAbsolute() ? p : specFile.toAbsolutePath().getParent().resolve(p);
    }

    public static ModelConfig readConfig(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("config.json") : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no model config at " + file + "; give a model folder or its"
                    + " config.json (--base-config PATH)");
        }
        try {
            return ModelConfig.parse(Json.MAPPER.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Effective FLOP/s of training steps of the benchmark Llama at T = 512 here (two steps after one warm-up). */
    static double measureThisMachine() {
        int t = 512;
        ModelConfig config = TrainBenchmark.benchmarkModel(t);
        var rng = new dev.longrecipe.model.train.SeededRandom(7);
        try (LlamaModel model = LlamaModel.random(config, 7, Device.cpu());
             AdamW adamw = new AdamW(model, AdamWSettings.withWeightDecay(0.0))) {
            TrainStep step = new TrainStep(model, adamw, new ConstantSchedule(1e-4, 0), 1.0, true);
            long start = 0;
            for (int i = 0; i < 3; i++) {
                if (i == 1) {
                    start = System.nanoTime();
                }
                step.run(List.of(TrainBenchmark.randomBatch(rng, t, config.vocabSize())));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2 * TrainingFlops.perSample(config, t, true) / seconds;
        }
    }
}
