package dev.longrecipe.trainer;

/** The loss or gradient norm became NaN or infinite; training stopped without writing the bad weights. */
public class TrainingDivergedException extends RuntimeException {
    private final Phase phase;
    private final long step;

    public TrainingDivergedException(Phase phase, long step, String message) {
        super(message);
        this.phase = phase;
        this.step = step;
    }

    public Phase phase() {
        return phase;
    }

    /** The optimizer step (1-based within the phase) whose loss was not finite. */
    public long step() {
        return step;
    }
}
