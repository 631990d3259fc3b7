package dev.longrecipe.schema.events;

import java.util.List;
import java.util.Map;

/** Impactful token analysis finished: the report and the anchor token types it chose. Topic: {@link dev.longrecipe.schema.Topics#ANALYSIS_COMPLETED}. */
public record AnalysisCompleted(int schemaVersion, String eventId, String runId, String createdAt, int attempt,
        Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, boolean stopAfter, boolean halt,
        String reportKey, List<String> anchorTypes, String anchorRule) implements PipelineEvent {
    public static final int SCHEMA_VERSION = 1;

    public AnalysisCompleted {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        Events.require(runId, "runId");
        Events.require(eventId, "eventId");
    }

    @Override
    public AnalysisCompleted asRerun(String newEventId, Map<String, String> newOverrides, boolean newStopAfter) {
        return new AnalysisCompleted(schemaVersion, newEventId, runId, Events.now(), attempt, lineage, true, newOverrides,
                newStopAfter, false, reportKey, anchorTypes, anchorRule);
    }
}
