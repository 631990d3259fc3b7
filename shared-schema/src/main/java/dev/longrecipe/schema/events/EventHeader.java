package dev.longrecipe.schema.events;

import java.util.Map;

/**
 * What every event carries besides its payload.
 *
 * @param eventId   unique per publication; an attempt remembers the event that claimed it
 * @param attempt   the attempt of the producing stage that this event reports (0 for a request)
 * @param lineage   stage id → attempt, for every upstream attempt this result was made from
 * @param rerun     set by an operator (with {@code overrides}) to make a new attempt of the consuming stage with
 *                  run-spec values replaced ({@code "trainer.extension.lr" -> "1e-5"})
 * @param stopAfter the consuming stage completes but its downstream does not continue
 * @param halt      set on a completion made with {@code stopAfter}: the next stage ignores it
 */
public record EventHeader(
        @Field(description = "unique per publication", minLength = 1) String eventId,
        @Field(pattern = "^[a-z0-9][a-z0-9-]{0,62}$") String runId,
        @Field(description = "ISO-8601 instant") String createdAt,
        @Field(description = "attempt of the producing stage (0 for a request)", minimum = 0) int attempt,
        @Field(description = "stage id -> attempt used", minimum = 0) Map<String, Integer> lineage,
        @Field(description = "operator re-run: make a new attempt of the consuming stage") boolean rerun,
        @Field(description = "run-spec path -> value for the new attempt; keys starting with rerun. are directives"
                + " to the stage runtime instead (rerun.resumeFromAttempt: N = start from attempt N's durable"
                + " checkpoints)") Map<String, String> overrides,
        @Field(description = "the consuming stage completes but the pipeline stops there") boolean stopAfter,
        @Field(description = "downstream stages ignore this event") boolean halt) {

    public EventHeader {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        Events.require(runId, "runId");
        Events.require(eventId, "eventId");
    }

    /** The header of a request to start a run ({@code run.requested}): a fresh id, attempt 0, no lineage. */
    public static EventHeader request(String runId) {
        return new EventHeader(Events.newId(), runId, Events.now(), 0, Map.of(), false, Map.of(), false, false);
    }

    /**
     * The header of an event published by a stage attempt: a fresh event id, this run and attempt, the lineage
     * (upstream attempts plus this one) and {@code halt} (the downstream stage ignores a halted event). A stage's
     * event never asks for a re-run.
     */
    public static EventHeader of(String runId, int attempt, Map<String, Integer> lineage, boolean halt) {
        return new EventHeader(Events.newId(), runId, Events.now(), attempt, lineage, false, Map.of(), false, halt);
    }

    /** This header as an operator's re-run request: a new id and time, these overrides, never halted. */
    public EventHeader asRerun(String newEventId, Map<String, String> newOverrides, boolean newStopAfter) {
        return new EventHeader(newEventId, runId, Events.now(), attempt, lineage, true, newOverrides, newStopAfter,
                false);
    }
}
