package dev.longrecipe.trainer;

import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.schema.TrainingStep;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.train.AdamW;
import dev.longrecipe.model.train.AdamWSettings;
import dev.longrecipe.model.train.Batch;
import dev.longrecipe.model.train.NonFiniteStepException;
import dev.longrecipe.model.train.StepResult;
import dev.longrecipe.model.train.LrSchedule;
import dev.longrecipe.model.train.LrScheduleSpec;
import dev.longrecipe.model.train.LrSchedules;
import dev.longrecipe.model.train.TrainStep;
import dev.longrecipe.schema.spec.TrainingPhase;
import dev.longrecipe.trainer.checkpoint.CheckpointFiles;
import dev.longrecipe.trainer.checkpoint.CheckpointMeta;
import dev.longrecipe.trainer.checkpoint.CheckpointStore;
import dev.longrecipe.trainer.data.MicroBatches;
import dev.longrecipe.trainer.data.SampleStream;
import dev.longrecipe.trainer.data.TrainingSample;
import dev.longrecipe.trainer.progress.Throughput;
import dev.longrecipe.trainer.progress.TrainingLog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The training loop of one phase, in labelled sections: draw the step's samples → forward/backward per micro-batch
 * (gradient accumulation) → stop on a non-finite loss or gradient norm → clip → AdamW update at the schedule's
 * learning rate → report → checkpoint every {@code checkpointEvery} steps, and a final checkpoint at the end.
 * Before each step it asks {@code stopRequested} (the service is shutting down): if so, it writes a step checkpoint
 * of the steps done since the last one and throws {@link TrainingStoppedException}, so a restart loses no step.
 */
record PhaseRunner(PhaseSetup setup, LlamaModel model, CheckpointStore store, TrainingLog log,
                   ProgressListener progress, CheckpointListener checkpoints, BooleanSupplier stopRequested) {

    /** Where the phase starts: from scratch, or from a step checkpoint. */
    record Start(Path checkpoint, long step, long tokens, double loss, long cursor) {
        static Start fresh() {
            return new Start(null, 0, 0, Double.NaN, 0);
        }
    }

    /** Runs the phase to its final checkpoint and returns that checkpoint's record. */
    CheckpointMeta run(Start start, SampleStream stream) {
        TrainingPhase params = setup.params();
        String phase = setup.phase().id();
        LrSchedule schedule = LrSchedules.create(new LrScheduleSpec(params.schedule(), params.lr(),
                params.warmupSteps(), setup.steps(), params.minLrRatio()));
        AdamWSettings adamw = new AdamWSettings(params.beta1(), params.beta2(), params.eps(), params.weightDecay());
        try (AdamW optimizer = new AdamW(model, adamw)) {
            if (start.checkpoint() != null) {
                CheckpointFiles.restore(start.checkpoint(), model, optimizer);
            }
            TrainStep trainStep = new TrainStep(model, optimizer, schedule, params.clipNorm(), setup.recompute());
            long tokens = start.tokens();
            double loss = start.loss();
            Throughput throughput = new Throughput(System.nanoTime(), tokens, start.step());
            for (long step = start.step() + 1; step <= setup.steps(); step++) {
                // -- stop on request: keep the steps done so far in a checkpoint (unless the last one holds them)
                if (stopRequested.getAsBoolean()) {
                    long done = step - 1;
                    boolean unsaved = done > start.step() && done % setup.checkpointEvery() != 0;
                    Path saved = unsaved ? writeStep(done, tokens, loss, stream.cursor(), optimizer) : null;
                    throw new TrainingStoppedException(setup.phase(), done, setup.steps(), saved);
                }

                // -- the step's samples, split into micro-batches
                List<TrainingSample> samples = new ArrayList<>(params.batchSize());
                for (int i = 0; i < params.batchSize(); i++) {
                    samples.add(stream.next());
                }
                List<Batch> microBatches = MicroBatches.of(samples, params.microBatchSize());

                // -- forward/backward with gradient accumulation, clipping, AdamW update (none if not finite)
                StepResult result;
                try {
                    result = trainStep.run(microBatches);
                } catch (NonFiniteStepException e) {
                    throw diverged(step, e.getMessage());
                }
                loss = result.loss();
                double gradNorm = result.gradNorm();
                double lr = result.learningRate();

                // -- report
                tokens += samples.stream().mapToLong(TrainingSample::length).sum();
                long now = System.nanoTime();
                TrainingStep done = new TrainingStep(phase, step, setup.steps(), tokens, loss, lr, gradNorm,
                        throughput.tokensPerSecond(now, tokens), throughput.etaSeconds(now, step, setup.steps()));
                log.appendStep(done);
                progress.stepTrained(done);

                // -- checkpoint
                if (step % setup.checkpointEvery() == 0 && step < setup.steps()) {
                    writeStep(step, tokens, loss, stream.cursor(), optimizer);
                }
            }
            CheckpointMeta meta = meta(true, setup.steps(), tokens, loss, stream.cursor());
            Path dir = store.writeFinal(d -> CheckpointFiles.write(d, model, null, meta));
            announce(meta, dir);
            return meta;
        }
    }

    /** Writes and announces the step checkpoint after {@code step} (weights, optimizer state, data cursor). */
    private Path writeStep(long step, long tokens, double loss, long cursor, AdamW optimizer) {
        CheckpointMeta meta = meta(false, step, tokens, loss, cursor);
        Path dir = store.writeStep(step, d -> CheckpointFiles.write(d, model, optimizer, meta));
        announce(meta, dir);
        return dir;
    }

    private CheckpointMeta meta(boolean complete, long step, long tokens, double loss, long cursor) {
        return new CheckpointMeta(setup.phase().id(), complete, step, setup.steps(), tokens, loss, cursor,
                setup.dataFingerprint(), setup.settings(), model.config().rope().theta(),
                model.config().maxPositionEmbeddings());
    }

    private void announce(CheckpointMeta meta, Path dir) {
        log.appendCheckpoint(new TrainingLog.CheckpointLine(meta.phase(), meta.step(), meta.tokens(), meta.loss(),
                meta.phaseComplete(), store.phaseDir().getParent().relativize(dir).toString()));
        checkpoints.onCheckpoint(new CheckpointInfo(setup.phase(), meta.phaseComplete(), meta.step(), meta.tokens(),
                meta.loss(), dir, meta.phaseComplete() && setup.lastOfRun()));
    }

    private TrainingDivergedException diverged(long step, String what) {
        String kept = store.latestStep()
                .map(p -> "the last good checkpoint " + p + " is kept; ")
                .orElse("no checkpoint of this phase was written before it; ");
        return new TrainingDivergedException(setup.phase(), step, what, kept);
    }
}
