package dev.longrecipe.evaluator;

import dev.longrecipe.evaluator.generate.Generation;
import dev.longrecipe.evaluator.generate.GreedyGenerator;
import dev.longrecipe.evaluator.generate.StopCondition;
import dev.longrecipe.evaluator.perplexity.PerplexityByPosition;
import dev.longrecipe.evaluator.perplexity.TokenLosses;
import dev.longrecipe.evaluator.results.BenchmarkResults.Bucket;
import dev.longrecipe.evaluator.results.BenchmarkResults.GridCell;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.PerplexityCurve;
import dev.longrecipe.evaluator.results.BenchmarkResults.SampleOutcome;
import dev.longrecipe.evaluator.results.BenchmarkResults.ShortContextPerplexity;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import dev.longrecipe.evaluator.score.Metric;
import dev.longrecipe.evaluator.score.NiahM;
import dev.longrecipe.evaluator.score.Postprocess;
import dev.longrecipe.evaluator.task.BenchmarkTasks;
import dev.longrecipe.evaluator.task.TaskSample;
import dev.longrecipe.evaluator.text.TextTokenizer;
import dev.longrecipe.model.llama.LlamaModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Runs the whole suite on one model: needle tasks by greedy decoding, then both perplexities. */
final class ModelEvaluation {
    private final String name;
    private final Path dir;
    private final LlamaModel model;
    private final TextTokenizer tokenizer;
    private final int prefillChunk;
    private final StopCondition stop;

    /** Decoding stops at the model's EOS or at the sample's answer budget, as in RULER (no stop at a line break). */
    ModelEvaluation(String name, Path dir, LlamaModel model, TextTokenizer tokenizer, int prefillChunk) {
        this.name = name;
        this.dir = dir;
        this.model = model;
        this.tokenizer = tokenizer;
        this.prefillChunk = prefillChunk;
        Set<Integer> eos = EosTokens.of(dir);
        this.stop = StopCondition.eos(eos);
    }

    /**
     * @param samples     all task samples, in suite order, with their token ids
     * @param longTexts   perplexity texts at the longest length
     * @param shortTexts  short-context perplexity texts
     * @param depthRows   evaluator.depths: rows the single-needle heatmap bins the samples' depths into
     * @param afterEach   called after every sample and text (progress)
     */
    ModelResults run(List<EncodedSample> samples, List<int[]> longTexts, List<int[]> shortTexts, int buckets,
                     int depthRows, Consumer<String> afterEach) {
        List<SampleOutcome> outcomes = new ArrayList<>();
        for (EncodedSample s : samples) {
            TaskSample t = s.sample();
            Generation g = new GreedyGenerator(model, prefillChunk).generate(s.ids(), t.answerBudget(), stop);
            String output = Postprocess.prediction(tokenizer.decode(g.tokens()));
            double score = BenchmarkTasks.get(t.task()).metric().sampleScore(output, t.expected());
            outcomes.add(new SampleOutcome(t.task(), t.variant(), t.length(), t.sampleKey(), t.depths(),
                    t.promptTokens(), t.expected(), output, g.reason().name(), score));
            afterEach.accept(name + ": " + t.task() + " @" + t.length() + " " + t.sampleKey());
        }
        List<double[]> longLosses = new ArrayList<>();
        for (int[] text : longTexts) {
            longLosses.add(TokenLosses.of(model, text, prefillChunk));
            afterEach.accept(name + ": perplexity @" + text.length);
        }
        List<double[]> shortLosses = new ArrayList<>();
        for (int[] text : shortTexts) {
            shortLosses.add(TokenLosses.of(model, text, prefillChunk));
            afterEach.accept(name + ": short-context perplexity @" + text.length);
        }
        List<Bucket> curve = PerplexityByPosition.buckets(longLosses, buckets).stream()
                .map(b -> new Bucket(b.fromPosition(), b.toPosition(), b.meanLoss(), b.perplexity())).toList();
        PerplexityByPosition.Bucket shortAll = PerplexityByPosition.buckets(shortLosses, 1).get(0);
        var rope = model.config().rope();
        return new ModelResults(name, dir.toString(), model.config().maxPositionEmbeddings(),
                rope.ropeType() + " θ=" + rope.theta(), taskScores(outcomes), niahM(outcomes),
                grid(outcomes, depthRows),
                new PerplexityCurve(longTexts.get(0).length, longTexts.size(), curve),
                new ShortContextPerplexity(shortTexts.get(0).length, shortTexts.size(), shortAll.meanLoss(),
                        shortAll.perplexity()),
                (int) outcomes.stream().filter(o -> o.output().isBlank()).count(), outcomes);
    }

    static List<TaskScore> taskScores(List<SampleOutcome> outcomes) {
        Map<String, Map<Integer, List<SampleOutcome>>> byTask = new LinkedHashMap<>();
        for (SampleOutcome o : outcomes) {
            byTask.computeIfAbsent(o.task(), k -> new TreeMap<>()).computeIfAbsent(o.length(), k -> new ArrayList<>())
                    .add(o);
        }
        List<TaskScore> out = new ArrayList<>();
        byTask.forEach((task, byLength) -> byLength.forEach((length, list) -> {
            Map<String, List<Double>> byVariant = new TreeMap<>();
            for (SampleOutcome o : list) {
                byVariant.computeIfAbsent(o.variant(), k -> new ArrayList<>()).add(o.score());
            }
            Map<String, Double> variants = new TreeMap<>();
            byVariant.forEach((v, scores) -> variants.put(v, Metric.taskScore(scores)));
            out.add(new TaskScore(task, length, Metric.taskScore(list.stream().map(SampleOutcome::score)
                    .toList()), list.size(), (int) list.stream().filter(o -> o.output().isBlank()).count(), variants));
        }));
        return out;
    }

    /** NIAH(M) per length, by {@link NiahM}'s rule, at the lengths where it exists. */
    static List<LengthScore> niahM(List<SampleOutcome> outcomes) {
        Map<Integer, Map<String, Double>> byLength = new TreeMap<>();
        for (TaskScore t : taskScores(outcomes)) {
            byLength.computeIfAbsent(t.length(), k -> new LinkedHashMap<>()).put(t.task(), t.score());
        }
        List<LengthScore> out = new ArrayList<>();
        byLength.forEach((length, scores) -> NiahM.of(scores).ifPresent(v -> out.add(new LengthScore(length, v))));
        return out;
    }

    /**
     * The depth × length heatmap: every single-needle sample (niah_single_1/2/3) pooled, its depth binned into
     * {@code rows} equal rows of [0, 1] (a cell's depth is its row's centre), the cell's score their mean ×100.
     */
    static List<GridCell> grid(List<SampleOutcome> outcomes, int rows) {
        Map<Double, Map<Integer, List<Double>>> cells = new TreeMap<>();
        for (SampleOutcome o : outcomes) {
            if (BenchmarkTasks.SINGLE_NEEDLE.contains(o.task()) && o.depths().size() == 1) {
                int row = Math.min(rows - 1, (int) Math.floor(o.depths().get(0) * rows));
                cells.computeIfAbsent((row + 0.5) / rows, k -> new TreeMap<>())
                        .computeIfAbsent(o.length(), k -> new ArrayList<>()).add(o.score());
            }
        }
        List<GridCell> out = new ArrayList<>();
        cells.forEach((depth, byLength) -> byLength.forEach((length, scores) ->
                out.add(new GridCell(depth, length, Metric.taskScore(scores)))));
        return out;
    }

    /** A sample with its prompt's token ids. */
    record EncodedSample(TaskSample sample, int[] ids) {
    }
}
