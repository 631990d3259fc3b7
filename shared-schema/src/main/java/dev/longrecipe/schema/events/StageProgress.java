package dev.longrecipe.schema.events;

import java.util.Map;

/**
 * Progress of a stage attempt: fraction done, rate in {@code rateUnit}/s, ETA, and free-form numeric metrics
 * (training: step, loss, lr, tokens). Topic: {@link dev.longrecipe.schema.Topics#STAGE_PROGRESS}.
 */
public record StageProgress(int schemaVersion, String eventId, String runId, String createdAt, String stage,
        int attempt, String state, double fraction, double rate, String rateUnit, double etaSeconds, String message,
        Map<String, Double> metrics) {
    public static final int SCHEMA_VERSION = 1;

    /** Attempt states as shown by {@code longrecipe status}. */
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public StageProgress {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
