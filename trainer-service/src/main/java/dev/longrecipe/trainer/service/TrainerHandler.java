package dev.longrecipe.trainer.service;

import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.runtime.ObjectStore;
import dev.longrecipe.runtime.StageContext;
import dev.longrecipe.runtime.StageHandler;
import dev.longrecipe.runtime.StageStoppedException;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.artifact.Locations;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.SamplesReady;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.trainer.CheckpointInfo;
import dev.longrecipe.trainer.Phase;
import dev.longrecipe.trainer.Trainer;
import dev.longrecipe.trainer.TrainerInputs;
import dev.longrecipe.trainer.TrainingStoppedException;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.trainer.checkpoint.CheckpointFiles;
import dev.longrecipe.trainer.checkpoint.CheckpointMeta;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trainer's Kafka door: {@code samples.ready} → download the base model, the segmenter's manifest and its shards
 * and the replay corpus → extension + replay training (trainer-core) → every checkpoint uploaded to
 * {@code <attempt>/<phase>/<step-N|final>/} as it is written and announced on {@code checkpoint.ready}; the run's
 * last checkpoint (replay final, or extension final with {@code trainer.replayFraction} 0) is the completion event,
 * carrying {@code baseModelKey} and {@code extendedModelKey} for the merger. A try of the same attempt that was
 * interrupted resumes from the checkpoints already in S3 — a stopped service (SIGTERM) first finishes its step and
 * writes a checkpoint of the steps done ({@code longrecipe.stage.stop-grace}), a killed one loses the steps since
 * its last periodic checkpoint; an operator's re-run of a failed attempt
 * ({@code rerun.resumeFromAttempt}) first copies that attempt's complete checkpoints and resumes from them.
 *
 * <p>Each checkpoint is announced exactly once ({@link StageContext#announce}): after its upload, and — for one that
 * is complete in S3 but whose {@code checkpoint.ready} was never published (the service died in between) — when the
 * attempt resumes, before training continues.
 */
@ApplicationScoped
public class TrainerHandler implements StageHandler<SamplesReady> {
    private static final Logger LOG = Logger.getLogger(TrainerHandler.class);

    @Override
    public Stage stage() {
        return Stage.TRAINER;
    }

    @Override
    public Event<CheckpointReady> run(StageContext<SamplesReady> ctx) throws Exception {
        RunSpec spec = ctx.spec();
        ObjectStore store = ctx.store();
        ctx.progress(0, "downloading the base model, the samples and the replay corpus");
        String baseKey = Locations.asFolder(store.keyOf(spec.baseModel()));
        TrainerInputs inputs = TrainerInputs.resolve(spec, ctx.source(), ctx.input().manifestKey(), ctx.workDir());

        Path out = ctx.workDir().resolve("train");
        CheckpointSync sync = new CheckpointSync(store, ctx.attemptPrefix(), out);
        OptionalInt from = ctx.resumeFromAttempt();
        if (from.isPresent()) {
            ctx.progress(0, "copying the durable checkpoints of attempt " + from.getAsInt());
            int copied = sync.copyFrom(ObjectKeys.attempt(ctx.runId(), Stage.TRAINER, from.getAsInt()));
            LOG.infof("attempt %d of run %s: copied %d checkpoint(s) of attempt %d to resume from", ctx.attempt(),
                    ctx.runId(), copied, from.getAsInt());
        }
        if (ctx.resumed() || from.isPresent()) {
            ctx.progress(0, "resuming: downloading the durable checkpoints");
            for (Path dir : sync.restore()) {
                CheckpointInfo restored = infoOf(dir, spec);
                if (!restored.lastOfRun()) { // the run's last checkpoint is the completion, sent by the runtime
                    ctx.announce(sync.keyOf(dir), () -> event(ctx, sync, restored, baseKey, out));
                }
            }
        }
        AtomicReference<Event<CheckpointReady>> last = new AtomicReference<>();
        try {
            train(ctx, inputs, out, sync, baseKey, last);
        } catch (TrainingStoppedException e) { // its checkpoint is uploaded and announced: the restart resumes there
            LOG.infof("attempt %d of run %s: %s", ctx.attempt(), ctx.runId(), e.getMessage());
            throw new StageStoppedException(e.getMessage(), e);
        }
        if (last.get() == null) {
            throw new IllegalStateException("training finished without a final checkpoint; see the trainer log");
        }
        return last.get();
    }

    /** Trains, uploading and announcing every checkpoint; stops (with a checkpoint) when the service stops. */
    private static void train(StageContext<SamplesReady> ctx, TrainerInputs inputs, Path out, CheckpointSync sync,
                              String baseKey, AtomicReference<Event<CheckpointReady>> last) {
        double replayShare = ctx.spec().trainer().replayFraction() / (1 + ctx.spec().trainer().replayFraction());
        new Trainer().run(inputs, out,
                ProgressListener.ofSteps(step -> {
                    boolean extension = Phase.EXTENSION.id().equals(step.phase());
                    double fraction = extension ? (1 - replayShare) * step.fraction()
                            : 1 - replayShare + replayShare * step.fraction();
                    Map<String, Double> numbers = step.numbers();
                    ctx.progress(fraction, numbers.getOrDefault("tokensPerSecond", 0.0), "tokens/s",
                            step.phase() + " step " + step.step() + "/" + step.steps()
                                    + String.format(", loss %.4f", numbers.getOrDefault("loss", Double.NaN)),
                            numbers);
                }, ctx::progress),
                checkpoint -> {
                    sync.upload(checkpoint);
                    if (checkpoint.lastOfRun()) {
                        last.set(event(ctx, sync, checkpoint, baseKey, out));
                    } else {
                        ctx.announce(sync.keyOf(checkpoint.dir()), () -> event(ctx, sync, checkpoint, baseKey, out));
                    }
                },
                ctx::stopRequested);
    }

    /** A restored checkpoint as the trainer reported it when it wrote it. */
    private static CheckpointInfo infoOf(Path dir, RunSpec spec) {
        CheckpointMeta meta = CheckpointFiles.readMeta(dir);
        Phase phase = Phase.REPLAY.id().equals(meta.phase()) ? Phase.REPLAY : Phase.EXTENSION;
        boolean lastOfRun = meta.phaseComplete()
                && (phase == Phase.REPLAY || spec.trainer().replayFraction() == 0);
        return new CheckpointInfo(phase, meta.phaseComplete(), meta.step(), meta.tokens(), meta.loss(), dir,
                lastOfRun);
    }

    private static Event<CheckpointReady> event(StageContext<SamplesReady> ctx, CheckpointSync sync,
                                                CheckpointInfo checkpoint, String baseKey, Path out) {
        Path extensionFinal = out.resolve(Trainer.EXTENSION_DIR).resolve("final");
        String extendedKey = Files.isDirectory(extensionFinal) ? sync.keyOf(extensionFinal) : null;
        return ctx.event(CheckpointReady.builder().phase(checkpoint.phase().id())
                .phaseComplete(checkpoint.phaseComplete()).lastOfRun(checkpoint.lastOfRun())
                .checkpointKey(sync.keyOf(checkpoint.dir())).baseModelKey(baseKey).extendedModelKey(extendedKey)
                .step(checkpoint.step()).tokens(checkpoint.tokens()).loss(checkpoint.loss()).build());
    }
}
