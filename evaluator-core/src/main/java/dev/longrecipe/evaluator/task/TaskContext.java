package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.haystack.HaystackCorpus;
import dev.longrecipe.evaluator.text.TokenCounter;

/**
 * What every task generator needs, all from the run spec except the tokenizer and corpus.
 *
 * @param tokens         the model's token counter (lengths are in its tokens)
 * @param corpus         haystack text
 * @param valueType      evaluator.valueType
 * @param samplesPerTask evaluator.samplesPerTask (per depth for the single-needle grid, per variant for multikey)
 * @param depths         evaluator.depths: rows of the single-needle depth grid
 * @param maxNewTokens   evaluator.maxNewTokens: the answer budget inside each length
 * @param seed           the run's seed
 */
public record TaskContext(TokenCounter tokens, HaystackCorpus corpus, ValueType valueType, int samplesPerTask,
                          int depths, int maxNewTokens, long seed) {
    public TaskContext {
        if (samplesPerTask < 1 || depths < 1 || maxNewTokens < 1) {
            throw new IllegalArgumentException("samplesPerTask, depths and maxNewTokens must be ≥ 1 but were "
                    + samplesPerTask + ", " + depths + ", " + maxNewTokens);
        }
    }
}
