package dev.longrecipe.trainer;

/** The loss or gradient norm became NaN or infinite; training stopped without writing the bad weights. */
public class TrainingDivergedException extends RuntimeException {
    private final long step;

    /**
     * @param step optimizer step (1-based within the phase) whose loss or gradient norm was not finite
     * @param what what was not finite
     * @param kept what is left to resume from (the last good checkpoint, or none)
     */
    public TrainingDivergedException(Phase phase, long step, String what, String kept) {
        super("training diverged in the " + phase.id() + " phase at step " + step + ": " + what + ". Training"
                + " stopped; " + kept + "lower trainer." + phase.id() + ".lr or enable clipping (clipNorm), or check"
                + " the base model weights for NaN/inf, then re-run");
        this.step = step;
    }

    /** The optimizer step (1-based within the phase) whose loss was not finite. */
    public long step() {
        return step;
    }
}
