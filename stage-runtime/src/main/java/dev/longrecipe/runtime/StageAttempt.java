package dev.longrecipe.runtime;

import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.Payload;
import dev.longrecipe.schema.spec.RunSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * The facts of one attempt of a stage: the input event that claimed it, the effective run spec (the event's
 * overrides applied), its number, and whether an earlier try of it was interrupted; its key prefix and lineage follow.
 */
record StageAttempt<P extends Payload>(Stage stage, Event<P> input, RunSpec spec, int number, boolean resumed) {

    String runId() {
        return input.header().runId();
    }

    /** {@code runs/<run>/<stage>/<number>/}. */
    String prefix() {
        return ObjectKeys.attempt(runId(), stage, number);
    }

    /** The input's lineage (upstream attempts) plus this attempt. */
    Map<String, Integer> lineage() {
        Map<String, Integer> lineage = new HashMap<>(input.header().lineage());
        lineage.put(stage.id(), number);
        return Map.copyOf(lineage);
    }
}
