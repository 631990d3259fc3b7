package dev.longrecipe.trainer;

import dev.longrecipe.schema.spec.TrainingPhase;

/**
 * One phase's plan.
 *
 * @param phase           which phase
 * @param hyper           its optimisation settings from the run spec
 * @param steps           optimizer steps to run
 * @param checkpointEvery steps between checkpoints
 * @param recompute       layer-wise activation recomputation
 * @param settings        the settings JSON recorded in checkpoints (a resume with other settings is refused)
 * @param dataFingerprint the phase's shards, recorded in checkpoints (a resume on other data is refused)
 * @param lastOfRun       its final checkpoint is the one the merger takes
 */
record PhaseSetup(Phase phase, TrainingPhase hyper, long steps, int checkpointEvery, boolean recompute,
                  String settings, String dataFingerprint, boolean lastOfRun) {
    PhaseSetup {
        if (hyper.microBatchSize() < 1 || hyper.batchSize() < 1 || hyper.batchSize() % hyper.microBatchSize() != 0) {
            throw new IllegalArgumentException("trainer." + phase.id() + ".batchSize (" + hyper.batchSize()
                    + ") must be a positive multiple of trainer." + phase.id() + ".microBatchSize ("
                    + hyper.microBatchSize() + "); gradient accumulation runs batchSize/microBatchSize micro-batches");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("trainer." + phase.id() + ".steps must be at least 1 but was " + steps);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("trainer.checkpointEvery must be at least 1 but was " + checkpointEvery);
        }
    }
}
