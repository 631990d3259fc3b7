package dev.longrecipe.runtime;

/**
 * A handler stopped because the service is stopping ({@link StageContext#stopRequested()}), after saving what a
 * resumed attempt needs. Neither a failure nor poison: the runner reports nothing and leaves the message
 * unacknowledged, so it is redelivered after the restart and the attempt resumes.
 */
public class StageStoppedException extends RuntimeException implements RetriableFailure {
    public StageStoppedException(String message) {
        super(message);
    }

    public StageStoppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
