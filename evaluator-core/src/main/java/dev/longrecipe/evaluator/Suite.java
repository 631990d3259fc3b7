package dev.longrecipe.evaluator;

import dev.longrecipe.evaluator.haystack.HaystackCorpus;
import dev.longrecipe.evaluator.perplexity.PerplexityTexts;
import dev.longrecipe.evaluator.results.BenchmarkResults.SkippedTask;
import dev.longrecipe.evaluator.task.BenchmarkTasks;
import dev.longrecipe.evaluator.task.MissingQaDatasetException;
import dev.longrecipe.evaluator.task.PromptDoesNotFitException;
import dev.longrecipe.evaluator.task.TaskContext;
import dev.longrecipe.evaluator.task.TaskSample;
import dev.longrecipe.evaluator.text.TextTokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything every model is given, made once: the task samples at each length with their token ids (the model's BOS
 * first, when it has one), the tasks skipped at a length because their prompt cannot fit it, and the perplexity
 * texts.
 *
 * @param samples    in suite order: by length, then task, then the task's own order
 * @param skipped    (task, length) pairs that did not run, with the reason
 * @param longTexts  perplexity texts of the longest length
 * @param shortTexts short-context perplexity texts (length L)
 */
record Suite(List<ModelEvaluation.EncodedSample> samples, List<SkippedTask> skipped, List<int[]> longTexts,
             List<int[]> shortTexts) {

    /**
     * @param ctx              the task generators' context (tokenizer, haystack corpus, counts, seed)
     * @param tokenizer        the same tokenizer as {@code ctx.tokens()}, to encode the prompts
     * @param perplexityCorpus text the perplexity texts are cut from
     * @throws IllegalArgumentException when no task fits at any length
     */
    static Suite make(TaskContext ctx, TextTokenizer tokenizer, List<String> tasks, List<Integer> lengths,
                      HaystackCorpus perplexityCorpus, int shortLength, int longLength) {
        List<ModelEvaluation.EncodedSample> samples = new ArrayList<>();
        List<SkippedTask> skipped = new ArrayList<>();
        for (int length : lengths) {
            for (String task : tasks) {
                List<TaskSample> made;
                try {
                    made = BenchmarkTasks.get(task).samples(ctx, length);
                } catch (PromptDoesNotFitException e) {
                    skipped.add(new SkippedTask(task, length, e.reason(), e.neededLength()));
                    continue;
                } catch (MissingQaDatasetException e) {
                    skipped.add(new SkippedTask(task, length, e.getMessage(), 0));
                    continue;
                }
                for (TaskSample s : made) {
                    int[] ids = tokenizer.encode(s.prompt());
                    if (ids.length != s.promptTokens()) { // the fitter's count and the encoding must agree
                        throw new IllegalStateException(task + " @" + length + " " + s.sampleKey() + ": the prompt"
                                + " was fitted at " + s.promptTokens() + " tokens but encodes to " + ids.length);
                    }
                    samples.add(new ModelEvaluation.EncodedSample(s, ids));
                }
            }
        }
        if (samples.isEmpty()) {
            int needed = skipped.stream().mapToInt(SkippedTask::neededLength).filter(n -> n > 0).min().orElse(0);
            throw new IllegalArgumentException("no task of " + tasks + " fits at any of the lengths " + lengths
                    + ": " + skipped.get(0).task() + " @" + skipped.get(0).length() + ": " + skipped.get(0).reason()
                    + "; use evaluator.lengths of at least " + needed + " (or a smaller evaluator.maxNewTokens)");
        }
        List<int[]> longTexts = PerplexityTexts.windows(tokenizer, perplexityCorpus, longLength,
                ctx.samplesPerTask(), ctx.seed(), "long");
        List<int[]> shortTexts = PerplexityTexts.windows(tokenizer, perplexityCorpus, shortLength,
                ctx.samplesPerTask(), ctx.seed(), "short");
        return new Suite(samples, skipped, longTexts, shortTexts);
    }
}
