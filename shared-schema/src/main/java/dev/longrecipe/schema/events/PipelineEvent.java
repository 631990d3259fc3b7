package dev.longrecipe.schema.events;

import java.util.Map;

/**
 * What every event on a stage topic carries besides its payload. Events carry object keys and small summaries,
 * never tensors.
 *
 * <ul>
 *   <li>{@code schemaVersion} — the record version; a consumer refuses versions it does not know.</li>
 *   <li>{@code eventId} — unique per publication; an attempt remembers the event that claimed it.</li>
 *   <li>{@code attempt} — the attempt of the producing stage that this event reports (0 for a request).</li>
 *   <li>{@code lineage} — stage id → attempt, for every upstream attempt this result was made from.</li>
 *   <li>{@code rerun} / {@code overrides} — set by an operator to make a new attempt of the consuming stage
 *       with run-spec values replaced ({@code "trainer.extension.lr" -> "1e-5"}).</li>
 *   <li>{@code stopAfter} — the consuming stage completes but its downstream does not continue.</li>
 *   <li>{@code halt} — set on a completion made with {@code stopAfter}: the next stage ignores it.</li>
 * </ul>
 */
public sealed interface PipelineEvent
        permits RunRequested, AnalysisCompleted, SamplesReady, CheckpointReady, ModelMerged, BenchmarkCompleted {
    int schemaVersion();

    String eventId();

    String runId();

    String createdAt();

    int attempt();

    Map<String, Integer> lineage();

    boolean rerun();

    Map<String, String> overrides();

    boolean stopAfter();

    boolean halt();

    /** The same event, marked as an operator's re-run request with these run-spec overrides. */
    PipelineEvent asRerun(String newEventId, Map<String, String> overrides, boolean stopAfter);
}
