package dev.longrecipe.schema.events;

import java.util.Map;

/**
 * A Hugging Face checkpoint folder was written by the trainer (phase {@code extension} or {@code replay}).
 * {@code lastOfRun} marks the trainer's final model of the attempt — the replay phase's final checkpoint, or the
 * extension phase's when {@code trainer.replayFraction} is 0 — the one the merger merges with the base model.
 * Topic: {@link dev.longrecipe.schema.Topics#CHECKPOINT_READY}. */
public record CheckpointReady(int schemaVersion, String eventId, String runId, String createdAt, int attempt,
        Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, boolean stopAfter, boolean halt,
        String phase, boolean phaseComplete, boolean lastOfRun, String checkpointKey, String baseModelKey, String extendedModelKey, long step, long tokens, double loss) implements PipelineEvent {
    public static final int SCHEMA_VERSION = 1;

    public CheckpointReady {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        Events.require(runId, "runId");
        Events.require(eventId, "eventId");
    }

    @Override
    public CheckpointReady asRerun(String newEventId, Map<String, String> newOverrides, boolean newStopAfter) {
        return new CheckpointReady(schemaVersion, newEventId, runId, Events.now(), attempt, lineage, true, newOverrides,
                newStopAfter, false, phase, phaseComplete, lastOfRun, checkpointKey, baseModelKey, extendedModelKey, step, tokens, loss);
    }
}
