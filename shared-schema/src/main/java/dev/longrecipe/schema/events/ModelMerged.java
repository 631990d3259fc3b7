package dev.longrecipe.schema.events;

import java.util.Map;

/** The merged model (base and replay weights) is written as a Hugging Face folder. Topic: {@link dev.longrecipe.schema.Topics#MODEL_MERGED}. */
public record ModelMerged(int schemaVersion, String eventId, String runId, String createdAt, int attempt,
        Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, boolean stopAfter, boolean halt,
        String modelKey, String baseModelKey, String extendedModelKey, String replayModelKey, String method) implements PipelineEvent {
    public static final int SCHEMA_VERSION = 1;

    public ModelMerged {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        Events.require(runId, "runId");
        Events.require(eventId, "eventId");
    }

    @Override
    public ModelMerged asRerun(String newEventId, Map<String, String> newOverrides, boolean newStopAfter) {
        return new ModelMerged(schemaVersion, newEventId, runId, Events.now(), attempt, lineage, true, newOverrides,
                newStopAfter, false, modelKey, baseModelKey, extendedModelKey, replayModelKey, method);
    }
}
