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
import dev.longrecipe.evaluator.score.StringMatchAll;
import dev.longrecipe.evaluator.task.NiahSingle;
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
    private final int maxNewTokens;
    private final StopCondition stop;

    ModelEvaluation(String name, Path dir, LlamaModel model, TextTokenizer tokenizer, int prefillChunk,
                    int maxNewTokens) {
        this.name = name;
        this.dir = dir;
        this.model = model;
        this.tokenizer = tokenizer;
        this.prefillChunk = prefillChunk;
        this.maxNewTokens = maxNewTokens;
        Set<Integer> eos = EosTokens.of(dir);
        this.stop = StopCondition.anyOf(StopCondition.eos(eos), StopCondition.newline(tokenizer));
    }

    /**
     * @param samples     all task samples, in suite order, with their token ids
     * @param longTexts   perplexity texts at the longest length
     * @param shortTexts  short-context perplexity texts
     * @param multiNeedle the suite's multi-needle tasks: NIAH(M) is their mean where all of them ran
     * @param afterEach   called after every sample and text (progress)
     */
    ModelResults run(List<EncodedSample> samples, List<int[]> longTexts, List<int[]> shortTexts, int buckets,
                     List<String> multiNeedle, Consumer<String> afterEach) {
        List<SampleOutcome> outcomes = new ArrayList<>();
        for (EncodedSample s : samples) {
            Generation g = new GreedyGenerator(model, prefillChunk).generate(s.ids(), maxNewTokens, stop);
            String output = answerText(tokenizer.decode(g.tokens()));
            double score = StringMatchAll.sampleScore(output, s.sample().expected());
            TaskSample t = s.sample();
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
                rope.ropeType() + " θ=" + rope.theta(), taskScores(outcomes), niahM(outcomes, multiNeedle),
                grid(outcomes),
                new PerplexityCurve(longTexts.get(0).length, longTexts.size(), curve),
                new ShortContextPerplexity(shortTexts.get(0).length, shortTexts.size(), shortAll.meanLoss(),
                        shortAll.perplexity()),
                (int) outcomes.stream().filter(o -> o.output().isBlank()).count(), outcomes);
    }

    /** The answer: what the model wrote up to the first line break after the answer began, trimmed. */
    static String answerText(String decoded) {
        String s = decoded.stripLeading();
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
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
            byVariant.forEach((v, scores) -> variants.put(v, StringMatchAll.taskScore(scores)));
            out.add(new TaskScore(task, length, StringMatchAll.taskScore(list.stream().map(SampleOutcome::score)
                    .toList()), list.size(), (int) list.stream().filter(o -> o.output().isBlank()).count(), variants));
        }));
        return out;
    }

    /**
     * NIAH(M) per length: the mean of the multi-needle task scores, at the lengths where every one of
     * {@code multiNeedle} ran (a length where one was skipped has no NIAH(M): a mean of fewer tasks is another
     * number).
     */
    static List<LengthScore> niahM(List<SampleOutcome> outcomes, List<String> multiNeedle) {
        Map<Integer, Map<String, Double>> byLength = new TreeMap<>();
        for (TaskScore t : taskScores(outcomes)) {
            if (multiNeedle.contains(t.task())) {
                byLength.computeIfAbsent(t.length(), k -> new LinkedHashMap<>()).put(t.task(), t.score());
            }
        }
        List<LengthScore> out = new ArrayList<>();
        byLength.forEach((length, scores) -> {
            if (scores.keySet().containsAll(multiNeedle)) {
                out.add(new LengthScore(length, scores.values().stream().mapToDouble(Double::doubleValue).average()
                        .orElseThrow()));
            }
        });
        return out;
    }

    static List<GridCell> grid(List<SampleOutcome> outcomes) {
        Map<Double, Map<Integer, List<Double>>> cells = new TreeMap<>();
        for (SampleOutcome o : outcomes) {
            if (o.task().equals(NiahSingle.NAME)) {
                cells.computeIfAbsent(o.depths().get(0), k -> new TreeMap<>())
                        .computeIfAbsent(o.length(), k -> new ArrayList<>()).add(o.score());
            }
        }
        List<GridCell> out = new ArrayList<>();
        cells.forEach((depth, byLength) -> byLength.forEach((length, scores) ->
                out.add(new GridCell(depth, length, StringMatchAll.taskScore(scores)))));
        return out;
    }

    /** A sample with its prompt's token ids. */
    record EncodedSample(TaskSample sample, int[] ids) {
    }
}
