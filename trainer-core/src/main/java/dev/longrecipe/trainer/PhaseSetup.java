package dev.longrecipe.trainer;

import dev.longrecipe.schema.spec.TrainingPhase;

/**
 * One phase's plan: its knobs from the run spec as they are, plus what the trainer worked out for it. The knobs were
 * checked by the spec's validator (batchSize a multiple of microBatchSize, checkpointEvery ≥ 1); this checks only the
 * step count, which for replay is computed from the data.
 *
 * @param phase           which phase
 * @param params          its optimisation knobs, the spec's {@code trainer.extension} or {@code trainer.replay}
 * @param steps           optimizer steps to run
 * @param checkpointEvery steps between checkpoints
 * @param recompute       layer-wise activation recomputation
 * @param settings        the settings JSON recorded in checkpoints (a resume with other settings is refused)
 * @param dataFingerprint the phase's shards, recorded in checkpoints (a resume on other data is refused)
 * @param lastOfRun       its final checkpoint is the one the merger takes
 */
record PhaseSetup(Phase phase, TrainingPhase params, long steps, int checkpointEvery, boolean recompute,
                  String settings, String dataFingerprint, boolean lastOfRun) {
    PhaseSetup {
        if (steps < 1) {
            throw new IllegalArgumentException("trainer." + phase.id() + ".steps must be at least 1 but was " + steps);
        }
    }
}
