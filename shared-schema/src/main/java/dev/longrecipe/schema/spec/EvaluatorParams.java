package dev.longrecipe.schema.spec;

import java.util.List;
import java.util.Map;

/**
 * RULER's benchmark tasks and perplexity (docs/ALGORITHMS.md §7, docs/RULER.md). A knob left out (null) takes the
 * default written in the compact constructor; the nullable ones below say what their absence means.
 *
 * @param lengths          prompt lengths in the model's tokens (prompt plus answer budget); absent → L, 2L and L′
 *                         (distinct, ascending)
 * @param tasks            RULER's task names ({@link #TASKS}); absent → the 11 synthetic ones (qa_1 and qa_2 need
 *                         data set files)
 * @param samplesPerTask   samples per task and length
 * @param depths           rows the report's needle depth × length heatmap bins the niah samples' depths into (RULER
 *                         draws each sample's depths at random; this does not steer generation)
 * @param maxNewTokens     answer budget for every task; absent → RULER's per-task budgets (niah 128, vt 30, cwe 120,
 *                         fwe 50, qa 32). The budget is inside each length, as in RULER
 * @param qaDatasets       task name (qa_1, qa_2) → data set file: qa_1 a SQuAD v2 dev json, qa_2 a HotpotQA dev
 *                         distractor json; a qa task without one is skipped
 * @param haystackCorpus   text the haystacks are cut from; absent → the run's corpus
 * @param perplexityCorpus text perplexity is measured on (text or JSONL, like haystackCorpus), kept apart from the
 *                         haystacks and the training data; absent → the haystack corpus
 * @param perplexityBuckets position buckets for perplexity by length
 * @param models           which models to compare ({@link #MODELS}), in report order: base, extended (the extension
 *                         phase's final model), replay (the replay phase's final model; left out by the evaluator
 *                         when the run has no replay phase), merged
 * @param batchSize        prompts decoded together per forward pass (greedy results are the same as one at a time;
 *                         the evaluator lowers it when the models' caches would not fit memory)
 * @param weightStorage    one of {@link AnalyzerParams#WEIGHT_STORAGES}: how each model's weights are held while it
 *                         is evaluated: float32, or float16 for half the memory (the forward pass still computes in
 *                         float32, one layer's weights cast at a time; scores differ from float32 weights only by the
 *                         weights' float16 rounding)
 */
public record EvaluatorParams(List<Integer> lengths, List<String> tasks, Integer samplesPerTask, Integer depths,
        Integer maxNewTokens, Map<String, String> qaDatasets, String haystackCorpus, String perplexityCorpus,
        Integer perplexityBuckets, List<String> models, Integer batchSize, String weightStorage) {
    /** RULER's 13 task names, in RULER's order; evaluator-core's {@code BenchmarkTasks} registers one per name. */
    public static final List<String> TASKS = List.of("niah_single_1", "niah_single_2", "niah_single_3",
            "niah_multikey_1", "niah_multikey_2", "niah_multikey_3", "niah_multivalue", "niah_multiquery", "vt", "cwe",
            "fwe", "qa_1", "qa_2");
    /** The tasks that need a data set file in {@link #qaDatasets}. */
    public static final List<String> QA_TASKS = List.of("qa_1", "qa_2");
    /** The default task list: the 11 synthetic tasks. */
    public static final List<String> DEFAULT_TASKS = TASKS.stream().filter(t -> !QA_TASKS.contains(t)).toList();
    public static final List<String> MODELS = List.of("base", "extended", "replay", "merged");
    /** Values of {@link #weightStorage}: the same as the analyzer's. */
    public static final List<String> WEIGHT_STORAGES = AnalyzerParams.WEIGHT_STORAGES;

    public EvaluatorParams {
        lengths = lengths == null ? null : List.copyOf(lengths);
        tasks = tasks != null ? List.copyOf(tasks) : DEFAULT_TASKS;
        samplesPerTask = samplesPerTask != null ? samplesPerTask : 4;
        depths = depths != null ? depths : 5;
        qaDatasets = qaDatasets != null ? Map.copyOf(qaDatasets) : Map.of();
        perplexityBuckets = perplexityBuckets != null ? perplexityBuckets : 4;
        models = models != null ? List.copyOf(models) : MODELS;
        batchSize = batchSize != null ? batchSize : 16;
        weightStorage = weightStorage != null ? weightStorage : "float32";
    }

    /** Every knob at its default. */
    public static EvaluatorParams defaults() {
        return SpecSections.empty(EvaluatorParams.class);
    }
}
