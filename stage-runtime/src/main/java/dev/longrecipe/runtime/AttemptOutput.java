package dev.longrecipe.runtime;

import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Events;

/**
 * The stage's output topic as one attempt uses it: what goes out must be an event of the stage's output type, for
 * this run and attempt (built with {@link StageContext#event}); it is keyed by the run id.
 */
record AttemptOutput(StageAttempt<?> attempt, EventPublisher publisher) {

    /** Returns {@code produced} when it is an event of this attempt on the stage's output topic; throws otherwise. */
    <E extends Event<?>> E checked(E produced) {
        Class<?> expected = Events.typeOf(attempt.stage().outputTopic());
        String runId = attempt.runId();
        int number = attempt.number();
        EventHeader header = produced == null ? null : produced.header();
        if (produced == null || !expected.isInstance(produced.payload()) || !runId.equals(header.runId())
                || header.attempt() != number
                || !Integer.valueOf(number).equals(header.lineage().get(attempt.stage().id()))) {
            throw new IllegalStateException(attempt.stage().id() + " handler produced " + (produced == null ? "null"
                    : produced.payload().getClass().getSimpleName() + " for run " + header.runId() + " attempt "
                    + header.attempt()) + " but must produce a " + expected.getSimpleName() + " for run " + runId
                    + " attempt " + number + "; build it with StageContext.event(payload)");
        }
        return produced;
    }

    /** Checks and publishes an event of this attempt. */
    void publish(Event<?> event) {
        publishJson(Json.write(checked(event)));
    }

    /** Publishes an event of this attempt already written as JSON (a stored completion or announcement). */
    void publishJson(String json) {
        publisher.publish(attempt.stage().outputTopic(), attempt.runId(), json);
    }
}
