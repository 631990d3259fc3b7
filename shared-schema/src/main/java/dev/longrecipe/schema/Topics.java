package dev.longrecipe.schema;

import java.util.ArrayList;
import java.util.List;

/** Topic names. Deployments may rename them through each service's configuration; these are the defaults. */
public final class Topics {
    public static final String RUN_REQUESTED = "run.requested";
    public static final String ANALYSIS_COMPLETED = "analysis.completed";
    public static final String SAMPLES_READY = "samples.ready";
    public static final String CHECKPOINT_READY = "checkpoint.ready";
    public static final String MODEL_MERGED = "model.merged";
    public static final String BENCHMARK_COMPLETED = "benchmark.completed";
    /** Every stage failure, with a reason a person can act on. */
    public static final String STAGE_FAILED = "stage.failed";
    /** Progress of long work: fraction, rate, ETA. */
    public static final String STAGE_PROGRESS = "stage.progress";

    private Topics() {
    }

    /** Where a stage parks the event it could not process ("merger.dead-letter"). */
    public static String deadLetter(Stage stage) {
        return stage.id() + ".dead-letter";
    }

    /** Every topic the platform uses, for creating them on a local stack or in a cluster. */
    public static List<String> all() {
        List<String> topics = new ArrayList<>(List.of(RUN_REQUESTED, ANALYSIS_COMPLETED, SAMPLES_READY,
                CHECKPOINT_READY, MODEL_MERGED, BENCHMARK_COMPLETED, STAGE_FAILED, STAGE_PROGRESS));
        for (Stage s : Stage.values()) {
            topics.add(deadLetter(s));
        }
        return topics;
    }
}
