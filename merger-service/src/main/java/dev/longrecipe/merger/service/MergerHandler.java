package dev.longrecipe.merger.service;

import dev.longrecipe.merger.MergePlan;
import dev.longrecipe.merger.MergeSummary;
import dev.longrecipe.merger.MergerInputs;
import dev.longrecipe.merger.ModelMerger;
import dev.longrecipe.runtime.StageContext;
import dev.longrecipe.runtime.StageHandler;
import dev.longrecipe.runtime.WorkRate;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.ModelMerged;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.spec.MergerParams;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The merger's Kafka door: {@code checkpoint.ready} with {@code lastOfRun} (the trainer's final model: the replay
 * phase's final checkpoint, or the extension's when replay is off) → the spec's merge of base, extended and replay
 * (merger-core; the paper's 0.5·θ_base + 0.5·θ_replay by default) → {@code <attempt>/model/}, and with
 * {@code merger.sweep} one more model per λ_base under {@code <attempt>/sweep/lambda-<λ>/} → {@code model.merged}.
 * Other checkpoints (intermediate steps, the extension phase's end before replay) are acknowledged without work.
 */
@ApplicationScoped
public class MergerHandler implements StageHandler<CheckpointReady> {
    private final ModelMerger merger = new ModelMerger();

    @Override
    public Stage stage() {
        return Stage.MERGER;
    }

    @Override
    public boolean accepts(CheckpointReady checkpoint) {
        return checkpoint.lastOfRun();
    }

    @Override
    public Event<ModelMerged> run(StageContext<CheckpointReady> ctx) throws IOException {
        CheckpointReady in = ctx.input();
        MergerParams params = ctx.spec().merger();
        // every plan is checked before anything is downloaded or read
        MergePlan main = MergePlan.of(params, ctx.spec().seed());
        MergerParams unswept = params.withoutSweep();
        Map<Double, MergePlan> sweep = new LinkedHashMap<>(); // null: the spec's own merge, already written
        for (double lambdaBase : params.sweep()) {
            MergerParams atPoint = main.method().atBaseShare(params, lambdaBase);
            sweep.put(lambdaBase, atPoint.equals(unswept) ? null : MergePlan.of(atPoint, ctx.spec().seed()));
        }

        Map<String, String> locations = new HashMap<>(); // an event without an extended model has null there
        locations.put("base", in.baseModelKey());
        locations.put("extended", in.extendedModelKey());
        locations.put("replay", in.checkpointKey());
        Set<String> needed = new LinkedHashSet<>(main.modelsRead());
        sweep.values().stream().filter(p -> p != null).forEach(p -> needed.addAll(p.modelsRead()));
        ctx.progress(0, "downloading the " + String.join(", ", needed) + " model(s)");
        MergerInputs inputs = MergerInputs.resolve(locations, needed, name -> "check the checkpoint.ready event's "
                + switch (name) {
                    case "base" -> "baseModelKey (the run spec's baseModel)";
                    case "extended" -> "extendedModelKey, or re-run the trainer";
                    default -> "checkpointKey, or re-run the trainer";
                }, ctx.source(), ctx.workDir());
        Map<String, Path> models = inputs.models();

        double megabytes = safetensorsBytes(models.get(main.configSource())) / 1e6;
        int merges = 1 + (int) sweep.values().stream().filter(p -> p != null).count();
        WorkRate rate = WorkRate.start();
        MergeSummary summary = merge(ctx, inputs, main, ctx.outputDir().resolve("model"), 0, merges,
                megabytes, rate);
        List<ModelMerged.SweepModel> swept = new ArrayList<>();
        int index = 1;
        for (Map.Entry<Double, MergePlan> point : sweep.entrySet()) {
            if (point.getValue() == null) { // the spec's own merge: the same weights, already written
                swept.add(new ModelMerged.SweepModel(point.getKey(), ctx.attemptPrefix() + "model/"));
                continue;
            }
            String folder = "sweep/lambda-" + BigDecimal.valueOf(point.getKey()).stripTrailingZeros()
                    .toPlainString() + "/";
            merge(ctx, inputs, point.getValue(), ctx.outputDir().resolve(folder), index++, merges,
                    megabytes, rate);
            swept.add(new ModelMerged.SweepModel(point.getKey(), ctx.attemptPrefix() + folder));
        }
        long written = (long) (summary.bytes() * (1 + swept.stream()
                .filter(s -> !s.modelKey().endsWith("/model/")).count()));
        ctx.progress(1, summary.megabytesPerSecond(), "MB/s", "merged " + summary.tensors() + " tensors with "
                + summary.method() + (swept.isEmpty() ? "" : " and a sweep of " + swept.size() + " λ_base values")
                + String.format(" in %.1f s; %.1f MB written", rate.seconds(), written / 1e6),
                Map.of("tensors", (double) summary.tensors(), "bytes", (double) written));
        return ctx.event(ModelMerged.builder().modelKey(ctx.attemptPrefix() + "model/").baseModelKey(in.baseModelKey())
                .extendedModelKey(in.extendedModelKey()).replayModelKey(in.checkpointKey()).method(params.method())
                .sweep(swept).build());
    }

    /** One merge, its progress scaled into [index, index + 1) of {@code merges}. */
    private MergeSummary merge(StageContext<CheckpointReady> ctx, MergerInputs inputs, MergePlan plan, Path out,
                               int index, int merges, double megabytes, WorkRate rate) {
        try {
            return merger.merge(inputs.models(), out, plan, (fraction, message) -> ctx.progress((index + fraction) / merges,
                    rate.perSecond((index + fraction) * megabytes), "MB/s",
                    (merges > 1 ? "model " + (index + 1) + "/" + merges + ": " : "") + message, Map.of()));
        } catch (IllegalArgumentException e) { // corrupt or mismatched models: named by their locations
            throw inputs.provenance().restate(e);
        }
    }

    private static long safetensorsBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".safetensors")).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
