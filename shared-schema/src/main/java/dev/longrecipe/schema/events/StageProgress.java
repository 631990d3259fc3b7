package dev.longrecipe.schema.events;

import java.util.Map;

/**
 * Progress of a stage attempt (the header's run and attempt): fraction done, rate in {@code rateUnit}/s, ETA, and
 * numeric metrics by name (training: step, loss, lr, tokens). Topic:
 * {@link dev.longrecipe.schema.Topics#STAGE_PROGRESS}.
 */
@Field(description = "Progress of a stage attempt. Topic stage.progress.")
public record StageProgress(
        @Field(oneOf = {"analyzer", "segmenter", "trainer", "merger", "evaluator"}) String stage,
        @Field(oneOf = {StageProgress.RUNNING, StageProgress.COMPLETED, StageProgress.FAILED, StageProgress.SKIPPED})
        String state,
        @Field(minimum = 0, maximum = 1) double fraction,
        @Field(description = "work per second in rateUnit") double rate,
        @Field(optional = true) String rateUnit,
        @Field(description = "seconds left, extrapolated; negative when unknown") double etaSeconds,
        @Field(optional = true) String message,
        Map<String, Double> metrics) implements Payload {

    /** Attempt states as shown by {@code longrecipe status}. */
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public StageProgress {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
