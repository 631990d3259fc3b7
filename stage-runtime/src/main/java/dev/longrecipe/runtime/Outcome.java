package dev.longrecipe.runtime;

/** What {@link StageRunner#handle} did with one message (for logs and tests); every outcome acknowledges it. */
public enum Outcome {
    /** The handler ran and its completion event was published. */
    COMPLETED,
    /** The input event's attempt had completed but its completion was never announced: it was published now. */
    REPUBLISHED,
    /** The input event's attempt had completed and its completion was announced: nothing done, nothing sent. */
    DUPLICATE,
    /** The event carried {@code halt: true} (its producer ran with stopAfter). */
    HALTED,
    /** The handler does not act on this event (e.g. an intermediate checkpoint). */
    NOT_ACCEPTED,
    /** Fatal: {@code stage.failed} was published and the message parked on the stage's dead-letter topic. */
    FAILED,
    /**
     * Retriable: S3 or the broker stayed away past the outage budget; {@code stage.failed} (retriable) was published,
     * the attempt marked failed, the message not dead-lettered.
     */
    UNAVAILABLE
}
