package dev.longrecipe.trainer;

import java.nio.file.Path;

/**
 * Training stopped because it was asked to (the service is shutting down), between two steps; the steps done are in
 * a step checkpoint, so training started again on the same folder resumes after the last of them.
 */
public class TrainingStoppedException extends RuntimeException {
    private final Path saved;

    /**
     * @param done  the steps of the phase done when it stopped
     * @param saved the step checkpoint written on the way out, or null when the newest checkpoint already held them
     */
    public TrainingStoppedException(Phase phase, long done, long steps, Path saved) {
        super("training was asked to stop after step " + done + " of " + steps + " of the " + phase.id() + " phase; "
                + (saved != null ? "wrote checkpoint " + saved.getParent().getFileName() + "/" + saved.getFileName()
                        + " on the way out" : done == 0 ? "no step of it was done yet" : "its newest checkpoint already holds every step done")
                + ", so a restart resumes from there");
        this.saved = saved;
    }

    /** The step checkpoint written on the way out, if one was. */
    public java.util.Optional<Path> saved() {
        return java.util.Optional.ofNullable(saved);
    }
}
