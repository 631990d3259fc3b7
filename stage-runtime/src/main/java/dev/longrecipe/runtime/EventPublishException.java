package dev.longrecipe.runtime;

/**
 * Kafka did not take a message (broker unreachable, timeout, topic missing) or the producer is closed because the
 * service is shutting down. Retriable: the message can be sent once the broker (or the restarted service) is back.
 */
public final class EventPublishException extends RuntimeException implements RetriableFailure {
    private final boolean publisherClosed;

    public EventPublishException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public EventPublishException(String message, Throwable cause, boolean publisherClosed) {
        super(message, cause);
        this.publisherClosed = publisherClosed;
    }

    /** True when the producer was closed (service shutdown): retrying in this process is pointless. */
    public boolean publisherClosed() {
        return publisherClosed;
    }
}
