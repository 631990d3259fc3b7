package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.score.Metric;

import java.util.List;

/**
 * One RULER task: makes its samples at a target length, deterministically from the context's seed (a sample is a pure
 * function of the run seed, the task, the length and the sample's index).
 */
public interface BenchmarkTask {
    /** RULER's task name, as in evaluator.tasks. */
    String name();

    /** One line for reports. */
    String description();

    /** RULER's answer budget for this task ({@code tokens_to_generate}); {@link TaskContext#budgetOf} may override it. */
    int tokensToGenerate();

    /** How RULER scores this task. */
    Metric metric();

    /** Whether the samples carry needle depths (the depth × length heatmap): the niah tasks. */
    boolean hasNeedleDepths();

    /** Where this task differs from RULER's, one sentence each, for results.json. */
    List<String> deviations();

    /**
     * All samples of this task at {@code length} tokens (prompt plus answer budget).
     *
     * @throws PromptDoesNotFitException when a sample's prompt cannot fit the length even without haystack text
     * @throws MissingQaDatasetException  (qa tasks) when the spec names no data set file for the task
     */
    List<TaskSample> samples(TaskContext ctx, int length);
}
