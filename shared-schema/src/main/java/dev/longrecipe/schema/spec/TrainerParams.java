package dev.longrecipe.schema.spec;

/**
 * Extension training and pretraining-data replay (docs/ALGORITHMS.md §5).
 *
 * @param extension       optimisation of the extension phase (samples with transformed position ids)
 * @param replay          optimisation of the replay phase (positions 0…n−1)
 * @param replayFraction  replay tokens as a fraction of extension tokens; the paper uses 5–10 %; 0 skips replay
 * @param replayBlockLength tokens per packed replay block; absent → L
 * @param ropeTheta       RoPE base for L′; absent → the dynamic-NTK rule θ·(s·L′/L − (s−1))^(d/(d−2))
 * @param ropeFactor      s in that rule; absent → L′/L
 * @param recompute       layer-wise activation recomputation: about half the memory, about 40 % more time
 * @param checkpointEvery steps between checkpoints (and one at each phase end)
 * @param keepLast        checkpoints kept per phase
 * @param shuffleSeed     order of samples; absent → the run seed
 */
public record TrainerParams(TrainingPhase extension, TrainingPhase replay, double replayFraction,
        Integer replayBlockLength, Double ropeTheta, Double ropeFactor, boolean recompute, int checkpointEvery,
        int keepLast, Long shuffleSeed) {
    public static TrainerParams defaults() {
        return new TrainerParams(TrainingPhase.extensionDefaults(), TrainingPhase.replayDefaults(), 0.05, null, null,
                null, false, 50, 2, null);
    }
}
