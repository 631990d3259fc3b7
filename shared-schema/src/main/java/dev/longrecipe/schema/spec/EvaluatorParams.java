package dev.longrecipe.schema.spec;

import java.util.List;

/**
 * RULER-style needle benchmarks and perplexity (ALGORITHMS.md §7).
 *
 * @param lengths          prompt lengths in the model's tokens; absent → L, 2L and L′ (distinct, ascending)
 * @param tasks            niah_single | niah_multikey | niah_multivalue | niah_multiquery
 * @param samplesPerTask   samples per task and length
 * @param depths           needle depths in the single-needle depth × length grid
 * @param valueType        number (7 digits) | uuid
 * @param maxNewTokens     greedy decoding budget; RULER uses 128
 * @param haystackCorpus   text the haystacks are cut from; absent → the run's corpus
 * @param perplexityCorpus text perplexity is measured on (text or JSONL, like haystackCorpus), kept apart from the
 *                         haystacks and the training data; absent → the haystack corpus
 * @param perplexityBuckets position buckets for perplexity by length
 * @param models           which models to compare, in report order: base, extended (the extension phase's final
 *                         model), replay (the replay phase's final model; left out by the evaluator when the run has
 *                         no replay phase), merged
 */
public record EvaluatorParams(List<Integer> lengths, List<String> tasks, int samplesPerTask, int depths,
        String valueType, int maxNewTokens, String haystackCorpus, String perplexityCorpus, int perplexityBuckets,
        List<String> models) {
    public static final List<String> TASKS = List.of("niah_single", "niah_multikey", "niah_multivalue",
            "niah_multiquery");
    public static final List<String> MODELS = List.of("base", "extended", "replay", "merged");

    public EvaluatorParams {
        lengths = lengths == null ? null : List.copyOf(lengths);
        tasks = tasks == null ? TASKS : List.copyOf(tasks);
        models = models == null ? MODELS : List.copyOf(models);
    }

    public static EvaluatorParams defaults() {
        return new EvaluatorParams(null, TASKS, 4, 5, "number", 32, null, null, 4, MODELS);
    }
}
