package dev.longrecipe.schema.events;

/**
 * A stage could not process an event. {@code reason} says what went wrong and what to do; the event itself was
 * parked on {@code deadLetterTopic}. Topic: {@link dev.longrecipe.schema.Topics#STAGE_FAILED}.
 */
public record StageFailed(int schemaVersion, String eventId, String runId, String createdAt, String stage, int attempt,
        String inputTopic, String inputEventId, String deadLetterTopic, String reason, boolean retriable) {
    public static final int SCHEMA_VERSION = 1;
}
