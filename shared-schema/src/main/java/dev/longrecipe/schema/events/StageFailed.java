package dev.longrecipe.schema.events;

/**
 * A stage could not process an event. {@code reason} says what went wrong and what to do. A fatal failure
 * ({@code retriable: false}) parked the event on {@code deadLetterTopic}; a retriable one (S3 or the broker stayed
 * away past the outage budget) did not, and {@code deadLetterTopic} is null. The header names the run and the
 * attempt that failed (0 when none was claimed). Topic: {@link dev.longrecipe.schema.Topics#STAGE_FAILED}.
 */
@Field(description = "A stage could not process an event; a fatal failure parked the event on the dead-letter"
        + " topic. Topic stage.failed.")
public record StageFailed(
        @Field(oneOf = {"analyzer", "segmenter", "trainer", "merger", "evaluator"}) String stage,
        String inputTopic,
        @Field(optional = true, description = "the input's event id; null when the input could not be parsed")
        String inputEventId,
        @Field(optional = true, description = "where the input was parked; null when it was not dead-lettered (a"
                + " retriable failure: a dependency stayed away past the outage budget)") String deadLetterTopic,
        @Field(minLength = 1) String reason,
        boolean retriable) implements Payload {

    public static Builder builder() {
        return new Builder();
    }

    /** Names each field, so the topics, ids and reason cannot trade places unseen. */
    public static final class Builder {
        private String stage;
        private String inputTopic;
        private String inputEventId;
        private String deadLetterTopic;
        private String reason;
        private boolean retriable;

        private Builder() {
        }

        public Builder stage(String stage) {
            this.stage = stage;
            return this;
        }

        public Builder inputTopic(String inputTopic) {
            this.inputTopic = inputTopic;
            return this;
        }

        public Builder inputEventId(String inputEventId) {
            this.inputEventId = inputEventId;
            return this;
        }

        public Builder deadLetterTopic(String deadLetterTopic) {
            this.deadLetterTopic = deadLetterTopic;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder retriable(boolean retriable) {
            this.retriable = retriable;
            return this;
        }

        public StageFailed build() {
            return new StageFailed(stage, inputTopic, inputEventId, deadLetterTopic, reason, retriable);
        }
    }
}
