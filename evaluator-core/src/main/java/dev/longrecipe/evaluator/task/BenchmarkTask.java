package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.score.Metric;

import java.util.List;

/**
 * One RULER task: makes its samples at a target length, deterministically from the context's seed (a sample is a pure
 * function of the run seed, the task, the length and the sample's index).
 */
public interface BenchmarkTask {
    /**
     * What a task states about itself.
     *
     * @param name             RULER's task name, as in evaluator.tasks
     * @param description      one line for reports
     * @param tokensToGenerate RULER's answer budget ({@code tokens_to_generate}); {@link TaskContext#budgetOf} may
     *                         override it
     * @param metric           how RULER scores the task
     * @param hasNeedleDepths  whether the samples carry needle depths (the depth × length heatmap): the niah tasks
     * @param deviations       where the task differs from RULER's, one sentence each, for results.json
     */
    record About(String name, String description, int tokensToGenerate, Metric metric, boolean hasNeedleDepths,
                 List<String> deviations) {
        public About {
            deviations = List.copyOf(deviations);
        }
    }

    About about();

    /**
     * All samples of this task at {@code length} tokens (prompt plus answer budget).
     *
     * @throws PromptDoesNotFitException when a sample's prompt cannot fit the length even without haystack text
     * @throws MissingQaDatasetException  (qa tasks) when the spec names no data set file for the task
     */
    List<TaskSample> samples(TaskContext ctx, int length);
}
