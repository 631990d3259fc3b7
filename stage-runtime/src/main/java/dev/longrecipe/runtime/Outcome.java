package dev.longrecipe.runtime;

/** What {@link StageRunner#handle} did with one message (for logs and tests); every outcome acknowledges it. */
public enum Outcome {
    /** The handler ran and its completion event was published. */
    COMPLETED,
    /** The input event's attempt had completed before: its stored completion was published again, no work done. */
    REPUBLISHED,
    /** The event carried {@code halt: true} (its producer ran with stopAfter). */
    HALTED,
    /** The handler does not act on this event (e.g. an intermediate checkpoint). */
    NOT_ACCEPTED,
    /** {@code stage.failed} was published and the message parked on the stage's dead-letter topic. */
    FAILED
}
