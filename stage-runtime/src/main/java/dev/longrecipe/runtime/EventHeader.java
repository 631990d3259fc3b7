package dev.longrecipe.runtime;

import java.util.Map;

/**
 * The fields every event published by a stage attempt shares, in the order of the event records' constructors:
 * a fresh event id, this run, this attempt, the lineage (upstream attempts plus this one), and
 * {@code halt = input.stopAfter} (the downstream stage ignores a halted event). A completion never asks for a re-run.
 */
public record EventHeader(int schemaVersion, String eventId, String runId, String createdAt, int attempt,
        Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, boolean stopAfter, boolean halt) {
    /** Number of leading constructor parameters every event record shares. */
    public static final int FIELDS = 10;

    Object[] values() {
        return new Object[] {schemaVersion, eventId, runId, createdAt, attempt, lineage, rerun, overrides, stopAfter,
                halt};
    }
}
