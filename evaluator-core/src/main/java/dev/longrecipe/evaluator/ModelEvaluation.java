package dev.longrecipe.evaluator;

import dev.longrecipe.evaluator.generate.Generation;
import dev.longrecipe.evaluator.generate.BatchedGreedyGenerator;
import dev.longrecipe.evaluator.memory.MemoryPlan;
import dev.longrecipe.evaluator.perplexity.PerplexityByPosition;
import dev.longrecipe.evaluator.perplexity.TokenLosses;
import dev.longrecipe.evaluator.results.BenchmarkResults.Bucket;
import dev.longrecipe.evaluator.results.BenchmarkResults.GridCell;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.PerplexityCurve;
import dev.longrecipe.evaluator.results.BenchmarkResults.SampleOutcome;
import dev.longrecipe.evaluator.results.BenchmarkResults.ShortContextPerplexity;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskGrid;
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
    static final int PROMPT_TAIL_CHARS = 300;
    /** Batches decoded between two progress reports. */
    private static final int PROGRESS_BATCHES = 4;
    private final String name;
    private final Path dir;
    private final LlamaModel model;
    private final TextTokenizer tokenizer;
    private final MemoryPlan plan;

    /**
     * Decoding stops at the model's EOS or at the sample's answer budget, as in RULER (no stop at a line break);
     * the plan's {@code batchSize} prompts are decoded together, with the same greedy tokens as one at a time.
     */
    ModelEvaluation(String name, Path dir, LlamaModel model, TextTokenizer tokenizer, MemoryPlan plan) {
        this.name = name;
        this.dir = dir;
        this.model = model;
        this.tokenizer = tokenizer;
        this.plan = plan;
    }

    /**
     * @param samples     all task samples, in suite order, with their token ids
     * @param longTexts   perplexity texts at the longest length
     * @param shortTexts  short-context perplexity texts
     * @param depthRows   evaluator.depths: rows each needle task's heatmap bins needle depths into
     * @param afterEach   called after every sample and text (progress)
     */
    ModelResults run(List<EncodedSample> samples, List<int[]> longTexts, List<int[]> shortTexts, int buckets,
                     int depthRows, Consumer<String> afterEach) {
        List<SampleOutcome> outcomes = new ArrayList<>();
        List<NeedleFound> needles = new ArrayList<>();
        BatchedGreedyGenerator generator = new BatchedGreedyGenerator(model, plan.prefillChunk(), plan.batchSize());
        Set<Integer> eos = EosTokens.of(dir);
        int group = PROGRESS_BATCHES * plan.batchSize(); // progress is reported after every few batches
        for (int from = 0; from < samples.size(); from += group) {
            List<EncodedSample> part = samples.subList(from, Math.min(samples.size(), from + group));
            List<Generation> generated = generator.generate(part.stream().map(EncodedSample::ids).toList(),
                    part.stream().mapToInt(s -> s.sample().answerBudget()).toArray(), eos);
            for (int i = 0; i < part.size(); i++) {
                TaskSample t = part.get(i).sample();
                Generation g = generated.get(i);
                String output = Postprocess.prediction(tokenizer.decode(g.tokens()));
                double score = BenchmarkTasks.get(t.task()).about().metric().sampleScore(output, t.expected());
                outcomes.add(new SampleOutcome(t.task(), t.variant(), t.length(), t.sampleKey(), t.depths(),
                        t.promptTokens(), t.expected(), output, g.reason().name(), score,
                        score < 1 ? promptTail(t.prompt()) : null));
                needles.addAll(NeedleFound.of(t, output));
                afterEach.accept(name + ": " + t.task() + " @" + t.length() + " " + t.sampleKey());
            }
        }
        List<double[]> longLosses = new ArrayList<>();
        for (int[] text : longTexts) {
            longLosses.add(TokenLosses.of(model, text, plan.prefillChunk()));
            afterEach.accept(name + ": perplexity @" + text.length);
        }
        List<double[]> shortLosses = new ArrayList<>();
        for (int[] text : shortTexts) {
            shortLosses.add(TokenLosses.of(model, text, plan.prefillChunk()));
            afterEach.accept(name + ": short-context perplexity @" + text.length);
        }
        List<Bucket> curve = PerplexityByPosition.buckets(longLosses, buckets).stream()
                .map(b -> new Bucket(b.fromPosition(), b.toPosition(), b.meanLoss(), b.perplexity())).toList();
        PerplexityByPosition.Bucket shortAll = PerplexityByPosition.buckets(shortLosses, 1).get(0);
        var rope = model.config().rope();
        return new ModelResults(name, dir.toString(), model.config().maxPositionEmbeddings(),
                rope.ropeType() + " θ=" + rope.theta(), taskScores(outcomes), niahM(outcomes),
                rulerAverage(outcomes), grids(needles, depthRows),
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

    /** Per length, the mean score of the tasks that ran at that length (RULER's average over the tasks run). */
    static List<LengthScore> rulerAverage(List<SampleOutcome> outcomes) {
        Map<Integer, List<Double>> byLength = new TreeMap<>();
        for (TaskScore t : taskScores(outcomes)) {
            byLength.computeIfAbsent(t.length(), k -> new ArrayList<>()).add(t.score());
        }
        List<LengthScore> out = new ArrayList<>();
        byLength.forEach((length, scores) -> out.add(new LengthScore(length,
                scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow())));
        return out;
    }

    /**
     * One depth × length heatmap per needle task: every needle whose value the question asks for counts once, its
     * depth binned into {@code rows} equal rows of [0, 1] (a cell's depth is its row's centre); a cell's score is the
     * share ×100 of those needles whose value the output contains. For a single-needle task this is the sample
     * score; for multi-needle tasks it shows which depths were retrieved, needle by needle.
     */
    static List<TaskGrid> grids(List<NeedleFound> needles, int rows) {
        Map<String, Map<Double, Map<Integer, List<Double>>>> byTask = new LinkedHashMap<>();
        for (NeedleFound n : needles) {
            int row = Math.min(rows - 1, (int) Math.floor(n.depth() * rows));
            byTask.computeIfAbsent(n.task(), k -> new TreeMap<>())
                    .computeIfAbsent((row + 0.5) / rows, k -> new TreeMap<>())
                    .computeIfAbsent(n.length(), k -> new ArrayList<>()).add(n.found() ? 1.0 : 0.0);
        }
        List<TaskGrid> out = new ArrayList<>();
        byTask.forEach((task, cells) -> {
            List<GridCell> grid = new ArrayList<>();
            cells.forEach((depth, byLength) -> byLength.forEach((length, found) ->
                    grid.add(new GridCell(depth, length, Metric.taskScore(found)))));
            out.add(new TaskGrid(task, grid));
        });
        return out;
    }

    /** The last {@value #PROMPT_TAIL_CHARS} characters of a prompt: the question and answer prefix, in context. */
    static String promptTail(String prompt) {
        return prompt.length() <= PROMPT_TAIL_CHARS ? prompt : "…" + prompt.substring(prompt.length()
                - PROMPT_TAIL_CHARS);
    }

    /** One asked-for needle of a sample: its depth and whether the output contains its value. */
    record NeedleFound(String task, int length, double depth, boolean found) {
        /** The needles of {@code t} whose value is expected (for a needle task; none otherwise). */
        static List<NeedleFound> of(TaskSample t, String output) {
            List<NeedleFound> out = new ArrayList<>();
            if (!BenchmarkTasks.get(t.task()).about().hasNeedleDepths()) {
                return out;
            }
            for (int i = 0; i < t.needles().size(); i++) {
                for (String value : t.expected()) {
                    if (t.needles().get(i).contains(value)) {
                        out.add(new NeedleFound(t.task(), t.length(), t.depths().get(i),
                                Metric.STRING_MATCH_ALL.sampleScore(output, List.of(value)) == 1.0));
                        break;
                    }
                }
            }
            return out;
        }
    }

    /** A sample with its prompt's token ids. */
    record EncodedSample(TaskSample sample, int[] ids) {
    }
}
