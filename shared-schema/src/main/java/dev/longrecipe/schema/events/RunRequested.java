package dev.longrecipe.schema.events;

import java.util.Map;

/** A run was submitted; its validated spec is at {@code specKey}. Topic: {@link dev.longrecipe.schema.Topics#RUN_REQUESTED}. */
public record RunRequested(int schemaVersion, String eventId, String runId, String createdAt, int attempt,
        Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, boolean stopAfter, boolean halt,
        String specKey) implements PipelineEvent {
    public static final int SCHEMA_VERSION = 1;

    public RunRequested {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        Events.require(runId, "runId");
        Events.require(eventId, "eventId");
    }

    @Override
    public RunRequested asRerun(String newEventId, Map<String, String> newOverrides, boolean newStopAfter) {
        return new RunRequested(schemaVersion, newEventId, runId, Events.now(), attempt, lineage, true, newOverrides,
                newStopAfter, false, specKey);
    }
}
