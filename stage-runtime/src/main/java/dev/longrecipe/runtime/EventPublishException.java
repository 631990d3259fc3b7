package dev.longrecipe.runtime;

/** Kafka did not acknowledge a message in time (broker unreachable, topic missing); retried, then reported. */
public final class EventPublishException extends RuntimeException implements RetriableFailure {
    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
