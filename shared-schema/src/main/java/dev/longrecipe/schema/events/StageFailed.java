package dev.longrecipe.schema.events;

/**
 * A stage could not process an event. {@code reason} says what went wrong and what to do. A fatal failure
 * ({@code retriable: false}) parked the event on {@code deadLetterTopic}; a retriable one (S3 or the broker stayed
 * away past the outage budget) did not, and {@code deadLetterTopic} is null. Topic:
 * {@link dev.longrecipe.schema.Topics#STAGE_FAILED}.
 */
public record StageFailed(int schemaVersion, String eventId, String runId, String createdAt, String stage, int attempt,
        String inputTopic, String inputEventId, String deadLetterTopic, String reason, boolean retriable) {
    public static final int SCHEMA_VERSION = 1;
}
