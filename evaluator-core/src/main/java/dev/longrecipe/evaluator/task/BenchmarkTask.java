package dev.longrecipe.evaluator.task;

import java.util.List;

/** One benchmark task: makes its samples at a target length, deterministically from the context's seed. */
public interface BenchmarkTask {
    /** Registry name, as in evaluator.tasks. */
    String name();

    /** One line for reports. */
    String description();

    /**
     * All samples of this task at {@code length} tokens (prompt plus answer budget).
     *
     * @throws PromptDoesNotFitException when a sample's prompt cannot fit the length even without haystack text
     */
    List<TaskSample> samples(TaskContext ctx, int length);
}
