package dev.longrecipe.schema.events;

import java.util.Map;

/** Training samples (input ids + position ids) are written as shards listed in the manifest. Topic: {@link dev.longrecipe.schema.Topics#SAMPLES_READY}. */
public record SamplesReady(int schemaVersion, String eventId, String runId, String createdAt, int attempt,
        Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, boolean stopAfter, boolean halt,
        String manifestKey, String statsKey, String method, long samples, long tokens) implements PipelineEvent {
    public static final int SCHEMA_VERSION = 1;

    public SamplesReady {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        Events.require(runId, "runId");
        Events.require(eventId, "eventId");
    }

    @Override
    public SamplesReady asRerun(String newEventId, Map<String, String> newOverrides, boolean newStopAfter) {
        return new SamplesReady(schemaVersion, newEventId, runId, Events.now(), attempt, lineage, true, newOverrides,
                newStopAfter, false, manifestKey, statsKey, method, samples, tokens);
    }
}
