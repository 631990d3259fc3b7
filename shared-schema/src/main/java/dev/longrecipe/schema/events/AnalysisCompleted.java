package dev.longrecipe.schema.events;

import java.util.List;
import java.util.Map;

/**
 * Impactful token analysis finished: the report and the anchor token types it chose. Topic: {@link dev.longrecipe.schema.Topics#ANALYSIS_COMPLETED}.
 *
 * @param fallbackReason why the segmenter selects anchor sentences by the released code's "digits" rule rather than
 *                       by analysed types — no reference model H′ was given, or no type stood out (the report's
 *                       statement, in words a person can act on); {@code null} when {@code anchorTypes} are to be
 *                       used. The segmenter records it in its progress message and manifest.
 */
public record AnalysisCompleted(int schemaVersion, String eventId, String runId, String createdAt, int attempt,
        Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, boolean stopAfter, boolean halt,
        String reportKey, List<String> anchorTypes, String anchorRule, String fallbackReason) implements PipelineEvent {
    public static final int SCHEMA_VERSION = 1;

    public AnalysisCompleted {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        Events.require(runId, "runId");
        Events.require(eventId, "eventId");
    }

    /** An event without a fallback reason (types chosen, or a producer that states none). */
    public AnalysisCompleted(int schemaVersion, String eventId, String runId, String createdAt, int attempt,
            Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, boolean stopAfter, boolean halt,
            String reportKey, List<String> anchorTypes, String anchorRule) {
        this(schemaVersion, eventId, runId, createdAt, attempt, lineage, rerun, overrides, stopAfter, halt, reportKey,
                anchorTypes, anchorRule, null);
    }

    @Override
    public AnalysisCompleted asRerun(String newEventId, Map<String, String> newOverrides, boolean newStopAfter) {
        return new AnalysisCompleted(schemaVersion, newEventId, runId, Events.now(), attempt, lineage, true, newOverrides,
                newStopAfter, false, reportKey, anchorTypes, anchorRule, fallbackReason);
    }
}
