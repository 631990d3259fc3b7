package dev.longrecipe.schema.events;

import java.util.Map;

/** Benchmarks finished: results.json, the HTML report and headline scores. Topic: {@link dev.longrecipe.schema.Topics#BENCHMARK_COMPLETED}. */
public record BenchmarkCompleted(int schemaVersion, String eventId, String runId, String createdAt, int attempt,
        Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, boolean stopAfter, boolean halt,
        String resultsKey, String reportKey, Map<String, Double> summary) implements PipelineEvent {
    public static final int SCHEMA_VERSION = 1;

    public BenchmarkCompleted {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        Events.require(runId, "runId");
        Events.require(eventId, "eventId");
    }

    @Override
    public BenchmarkCompleted asRerun(String newEventId, Map<String, String> newOverrides, boolean newStopAfter) {
        return new BenchmarkCompleted(schemaVersion, newEventId, runId, Events.now(), attempt, lineage, true, newOverrides,
                newStopAfter, false, resultsKey, reportKey, summary);
    }
}
