package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.haystack.HaystackCorpus;
import dev.longrecipe.evaluator.text.TokenCounter;

import java.nio.file.Path;
import java.util.Map;

/**
 * What every task generator needs, all from the run spec except the tokenizer and corpus.
 *
 * @param tokens           the model's token counter (lengths are in its tokens)
 * @param corpus           haystack text (RULER's essay haystack; here the run's corpus, by default the King James text)
 * @param samplesPerTask   evaluator.samplesPerTask: samples per task and length
 * @param depths           evaluator.depths: rows the report bins needle depths into for its depth × length heatmap.
 *                         It does not steer generation: RULER draws each sample's depths at random (see
 *                         {@link NeedleDepths}), so a sample's depth is whatever it drew and the report bins it
 * @param tokensToGenerate evaluator.maxNewTokens: {@code null} → each task's RULER budget
 *                         ({@link BenchmarkTask.About#tokensToGenerate()}); set → this budget for every task (record it)
 * @param seed             the run's seed
 * @param qaDatasets       evaluator.qaDatasets: task name (qa_1, qa_2) → data set file
 */
public record TaskContext(TokenCounter tokens, HaystackCorpus corpus, int samplesPerTask, int depths,
                          Integer tokensToGenerate, long seed, Map<String, Path> qaDatasets) {
    public TaskContext {
        if (samplesPerTask < 1 || depths < 1 || (tokensToGenerate != null && tokensToGenerate < 1)) {
            throw new IllegalArgumentException("samplesPerTask, depths and maxNewTokens must be ≥ 1 but were "
                    + samplesPerTask + ", " + depths + ", " + tokensToGenerate);
        }
        qaDatasets = qaDatasets == null ? Map.of() : Map.copyOf(qaDatasets);
    }

    /**
     * The answer budget of {@code task}'s samples, inside the length as in RULER: a sample's prompt tokens plus this
     * are at most the length.
     */
    public int budgetOf(BenchmarkTask task) {
        return tokensToGenerate != null ? tokensToGenerate : task.about().tokensToGenerate();
    }
}
