package dev.longrecipe.schema.events;

import java.util.List;
import java.util.Map;

/**
 * The merged model (the spec's merge of base, extended and replay weights) is written as a Hugging Face folder; with
 * {@code merger.sweep}, one more merged model per λ_base value, listed in {@code sweep}. Topic:
 * {@link dev.longrecipe.schema.Topics#MODEL_MERGED}.
 */
public record ModelMerged(int schemaVersion, String eventId, String runId, String createdAt, int attempt,
        Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, boolean stopAfter, boolean halt,
        String modelKey, String baseModelKey, String extendedModelKey, String replayModelKey, String method,
        List<SweepModel> sweep) implements PipelineEvent {
    public static final int SCHEMA_VERSION = 1;

    /** One merged model of a λ sweep: the base model's share and where the model is. */
    public record SweepModel(double lambdaBase, String modelKey) {
        public SweepModel {
            Events.require(modelKey, "sweep[].modelKey");
        }
    }

    public ModelMerged {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        sweep = sweep == null ? List.of() : List.copyOf(sweep); // absent in events of older mergers: no sweep
        Events.require(runId, "runId");
        Events.require(eventId, "eventId");
    }

    @Override
    public ModelMerged asRerun(String newEventId, Map<String, String> newOverrides, boolean newStopAfter) {
        return new ModelMerged(schemaVersion, newEventId, runId, Events.now(), attempt, lineage, true, newOverrides,
                newStopAfter, false, modelKey, baseModelKey, extendedModelKey, replayModelKey, method, sweep);
    }
}
