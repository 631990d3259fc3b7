package dev.longrecipe.schema.spec;

/**
 * Extension training and pretraining-data replay (docs/ALGORITHMS.md §5). A knob left out (null) takes the default
 * written in the compact constructor; the nullable ones below say what their absence means.
 *
 * @param extension       optimisation of the extension phase (samples with transformed position ids); absent →
 *                        100 steps at lr 5e-5
 * @param replay          optimisation of the replay phase (positions 0…n−1); absent → steps sized from
 *                        replayFraction, lr 5e-6 (a tenth of the extension's, as in the paper)
 * @param replayFraction  replay tokens as a fraction of extension tokens; the paper uses 5–10 %; 0 skips replay
 * @param replayBlockLength tokens per packed replay block; absent → L
 * @param ropeTheta       RoPE base for L′; absent → the dynamic-NTK rule θ·(s·L′/L − (s−1))^(d/(d−2))
 * @param ropeFactor      s in that rule; absent → L′/L
 * @param recompute       layer-wise activation recomputation: about half the memory, about 40 % more time
 * @param checkpointEvery steps between checkpoints (and one at each phase end)
 * @param keepLast        checkpoints kept per phase
 * @param shuffleSeed     order of samples; absent → the run seed
 */
public record TrainerParams(TrainingPhase extension, TrainingPhase replay, Double replayFraction,
        Integer replayBlockLength, Double ropeTheta, Double ropeFactor, Boolean recompute, Integer checkpointEvery,
        Integer keepLast, Long shuffleSeed) {
    public TrainerParams {
        extension = extension != null ? extension : TrainingPhase.of(100, 5e-5);
        replay = replay != null ? replay : TrainingPhase.of(null, 5e-6);
        replayFraction = replayFraction != null ? replayFraction : 0.05;
        recompute = recompute != null ? recompute : false;
        checkpointEvery = checkpointEvery != null ? checkpointEvery : 50;
        keepLast = keepLast != null ? keepLast : 2;
    }

    /** Every knob at its default. */
    public static TrainerParams defaults() {
        return SpecSections.empty(TrainerParams.class);
    }
}
