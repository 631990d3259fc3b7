package dev.longrecipe.merger.service;

import dev.longrecipe.merger.MergeSummary;
import dev.longrecipe.merger.ModelMerger;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.StageContext;
import dev.longrecipe.runtime.StageHandler;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.ModelMerged;
import dev.longrecipe.schema.events.PipelineEvent;
import dev.longrecipe.schema.spec.MergerParams;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The merger's Kafka door: {@code checkpoint.ready} with {@code lastOfRun} (the trainer's final model: the replay
 * phase's final checkpoint, or the extension's when replay is off) → θ = λ1·θ_base + λ2·θ_replay (merger-core, method
 * and λ from the run spec) → {@code <attempt>/model/} → {@code model.merged}. Other checkpoints (intermediate steps,
 * the extension phase's end before replay) are acknowledged without work.
 */
@ApplicationScoped
public class MergerHandler implements StageHandler<CheckpointReady> {
    private final ModelMerger merger = new ModelMerger();

    @Override
    public Stage stage() {
        return Stage.MERGER;
    }

    @Override
    public Class<CheckpointReady> inputType() {
        return CheckpointReady.class;
    }

    @Override
    public boolean accepts(CheckpointReady event) {
        return event.lastOfRun();
    }

    @Override
    public PipelineEvent run(StageContext<CheckpointReady> ctx) throws IOException {
        CheckpointReady in = ctx.event();
        ArtifactStore store = ctx.store();
        ctx.progress(0, "downloading the base model and the replay checkpoint");
        Path base = store.downloadFolder(store.keyOf(in.baseModelKey()), ctx.workDir().resolve("base"),
                "check baseModelKey in the checkpoint.ready event (the run spec's baseModel)");
        Path replay = store.downloadFolder(store.keyOf(in.checkpointKey()), ctx.workDir().resolve("replay"),
                "check checkpointKey in the checkpoint.ready event, or re-run the trainer");

        MergerParams params = ctx.spec().merger();
        double megabytes = safetensorsBytes(replay) / 1e6;
        long start = System.nanoTime();
        MergeSummary summary;
        try {
            summary = merger.merge(base, replay, ctx.outputDir().resolve("model"), params.method(),
                    params.parameters(), (fraction, message) -> ctx.progress(fraction,
                            fraction * megabytes / Math.max(1e-9, (System.nanoTime() - start) / 1e9), "MB/s",
                            message, Map.of()));
        } catch (IllegalArgumentException e) { // corrupt or mismatched models: name them by their S3 keys
            String reason = String.valueOf(e.getMessage())
                    .replace(replay.toString(), "s3://" + store.bucket() + "/" + strip(store.keyOf(in.checkpointKey())))
                    .replace(base.toString(), "s3://" + store.bucket() + "/" + strip(store.keyOf(in.baseModelKey())));
            throw new IllegalArgumentException(reason, e);
        }
        ctx.progress(1, summary.megabytesPerSecond(), "MB/s", "merged " + summary.tensors() + " tensors in "
                + String.format("%.1f s", (System.nanoTime() - start) / 1e9), Map.of("tensors",
                (double) summary.tensors(), "bytes", (double) summary.bytes()));
        return ctx.event(ModelMerged.class, ctx.attemptPrefix() + "model/", in.baseModelKey(),
                in.extendedModelKey(), in.checkpointKey(), params.method());
    }

    private static String strip(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static long safetensorsBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".safetensors")).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
