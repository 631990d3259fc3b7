package dev.longrecipe.evaluator.results;

import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation measured, for every model compared: the content of results.json (format described in
 * evaluator-core/RESULTS_FORMAT.md). Readers check {@code formatVersion}.
 *
 * @param skipped    tasks that did not run at a length because their prompt cannot fit it (the same for every model)
 * @param summary    headline numbers, also carried by the benchmark.completed event
 * @param mergeSweep the merge sweep's trade-off and pick, or {@code null} when the run had no merger.sweep (absent in
 *                   results.json files written before sweeps existed)
 */
public record BenchmarkResults(int formatVersion, String runId, String createdAt, Settings settings,
                               List<SkippedTask> skipped, List<ModelResults> models, Map<String, Double> summary,
                               MergeSweep mergeSweep) {
    public static final int FORMAT_VERSION = 2;

    public BenchmarkResults {
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        models = List.copyOf(models);
        summary = Map.copyOf(summary);
    }

    /** Why {@code task} has no score at {@code length}, if it was skipped there. */
    public java.util.Optional<SkippedTask> skippedAt(String task, int length) {
        return skipped.stream().filter(s -> s.task().equals(task) && s.length() == length).findFirst();
    }

    /**
     * A task that did not run at a length.
     *
     * @param reason       why, in one line
     * @param neededLength the length the prompt would need with no haystack text at all (a lower bound)
     */
    public record SkippedTask(String task, int length, String reason, int neededLength) {
    }

    /**
     * The knobs the numbers were measured with.
     *
     * @param depths             rows the single-needle heatmap bins sample depths into
     * @param maxNewTokens       the answer budget every task was given, or {@code null}: each task's RULER budget
     * @param bosTokenId         the BOS id every prompt and perplexity text starts with, or {@code null} when the
     *                           models' inputs have none
     * @param perplexityCorpus   the file the perplexity texts were cut from
     * @param perplexityText     what that text is, for readers: "held-out text: FILE" (evaluator.perplexityCorpus)
     *                           or "haystack corpus: FILE" (the needle haystacks' corpus, not held out)
     * @param shortContextLength length of the short-context perplexity texts (the base window L)
     * @param perplexityLength   length of the long perplexity texts (the longest benchmark length)
     * @param rulerVersion       the RULER code whose task wording, parameters and scoring the tasks follow
     * @param tokensToGenerate   per task, the decoding budget it was given (inside each length, as RULER counts)
     * @param deviations         per task, where it differs from RULER (e.g. the haystack text)
     */
    public record Settings(List<Integer> lengths, List<String> tasks, int samplesPerTask, int depths,
                           Integer maxNewTokens, int perplexityBuckets, long seed,
                           String haystackCorpus, String tokenizer, Integer bosTokenId, String perplexityCorpus,
                           String perplexityText, int shortContextLength, int perplexityLength,
                           int perplexityTexts, String rulerVersion, Map<String, Integer> tokensToGenerate,
                           Map<String, List<String>> deviations) {
        public Settings {
            lengths = List.copyOf(lengths);
            tasks = List.copyOf(tasks);
            tokensToGenerate = tokensToGenerate == null ? Map.of() : Map.copyOf(tokensToGenerate);
            deviations = deviations == null ? Map.of() : Map.copyOf(deviations);
        }
    }

    /**
     * One model's results.
     *
     * @param name                  base | extended | replay | merged (or any name the caller gave)
     * @param source                where the model was loaded from
     * @param maxPositionEmbeddings the model's configured window
     * @param rope                  the model's RoPE type and theta, e.g. "default θ=10000"
     * @param tasks                 score per task and length
     * @param niahM                 NIAH(M) per length (the paper's rule, {@code score.NiahM}), at the lengths where
     *                              it exists
     * @param rulerAverage          per length, the mean score of every task that ran at that length (RULER's
     *                              average over the tasks run)
     * @param depthGrids            per needle task, score per depth row and length (the heatmaps)
     * @param perplexity            perplexity by position bucket of long texts (see Settings.perplexityText)
     * @param shortContext          perplexity of short texts (general ability retained)
     * @param emptyOutputs          samples where the model produced no answer text (scored 0)
     * @param samples               every sample's outcome
     */
    public record ModelResults(String name, String source, int maxPositionEmbeddings, String rope,
                               List<TaskScore> tasks, List<LengthScore> niahM, List<LengthScore> rulerAverage,
                               List<TaskGrid> depthGrids, PerplexityCurve perplexity,
                               ShortContextPerplexity shortContext, int emptyOutputs, List<SampleOutcome> samples) {
        public ModelResults {
            tasks = List.copyOf(tasks);
            niahM = List.copyOf(niahM);
            rulerAverage = List.copyOf(rulerAverage);
            depthGrids = List.copyOf(depthGrids);
            samples = List.copyOf(samples);
        }

        /** The depth × length grid of {@code task}, empty when it has none (not a needle task, or not run). */
        public List<GridCell> depthGrid(String task) {
            return depthGrids.stream().filter(g -> g.task().equals(task)).findFirst().map(TaskGrid::cells)
                    .orElse(List.of());
        }
    }

    /** RULER score (0–100) of one task at one length; {@code variants} splits it by haystack. */
    public record TaskScore(String task, int length, double score, int samples, int emptyOutputs,
                            Map<String, Double> variants) {
        public TaskScore {
            variants = Map.copyOf(variants);
        }
    }

    public record LengthScore(int length, double score) {
    }

    /** One needle task's heatmap: its samples' depths binned into rows, score per row and length. */
    public record TaskGrid(String task, List<GridCell> cells) {
        public TaskGrid {
            cells = List.copyOf(cells);
        }
    }

    /** Samples whose (first) needle depth falls in the row centred on {@code depth}, at one length. */
    public record GridCell(double depth, int length, double score) {
    }

    /** Perplexity by position bucket over {@code texts} texts of {@code length} tokens. */
    public record PerplexityCurve(int length, int texts, List<Bucket> buckets) {
        public PerplexityCurve {
            buckets = List.copyOf(buckets);
        }
    }

    /** Positions [fromPosition, toPosition] (predicted tokens), mean loss in nats and exp of it. */
    public record Bucket(int fromPosition, int toPosition, double meanLoss, double perplexity) {
    }

    public record ShortContextPerplexity(int length, int texts, double meanLoss, double perplexity) {
    }

    /**
     * @param output     the whole generated text after RULER's post-processing (what was scored)
     * @param stopReason EOS | BUDGET
     * @param score      the task's metric for this sample, 0–1
     * @param promptTail the last characters of the prompt, kept for samples that did not score 1 (to read a failure
     *                   in context); {@code null} otherwise
     */
    public record SampleOutcome(String task, String variant, int length, String sampleKey, List<Double> depths,
                                int promptTokens, List<String> expected, String output, String stopReason,
                                double score, String promptTail) {
        public SampleOutcome {
            depths = List.copyOf(depths);
            expected = List.copyOf(expected);
        }
    }
}
