package dev.longrecipe.evaluator;

import dev.longrecipe.schema.ProgressListener;

import dev.longrecipe.evaluator.haystack.HaystackCorpus;
import dev.longrecipe.evaluator.memory.MemoryPlan;
import dev.longrecipe.evaluator.report.RunReport;
import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.MergeSweep;
import dev.longrecipe.evaluator.results.ResultsJson;
import dev.longrecipe.evaluator.task.BenchmarkTasks;
import dev.longrecipe.evaluator.task.RulerVersion;
import dev.longrecipe.evaluator.task.TaskContext;
import dev.longrecipe.evaluator.text.ModelTokenizer;
import dev.longrecipe.hf.BosToken;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.schema.spec.EvaluatorParams;

import dev.longrecipe.schema.ContextWindows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The evaluator stage (docs/ALGORITHMS.md §7): the same needle suite and perplexities on every model given, one
 * results.json, charts and a self-contained HTML report.
 *
 * <p>Order of work: check every input and the memory each model needs at the longest length (fail before any
 * model runs), make the samples once (all models see identical prompts, each starting with the models' BOS when
 * they have one; a task whose prompt cannot fit a length is skipped there), then evaluate the models one at a
 * time.
 */
public final class Evaluator {
    private Evaluator() {
    }

    public static EvaluationOutcome run(EvaluatorInputs in, Path outDir, ProgressListener progress) {
        EvaluatorParams p = in.params();
        p.tasks().forEach(BenchmarkTasks::get); // unknown names fail here, listing the valid ones

        // 1. models' configs, the lengths, the memory plan: everything that can fail before any work
        Map<String, ModelConfig> configs = new LinkedHashMap<>();
        in.models().forEach((name, dir) -> configs.put(name, readConfig(name, dir)));
        ModelConfig base = configs.values().iterator().next();
        int contextLength = in.contextLength() != null ? in.contextLength() : base.maxPositionEmbeddings();
        int targetLength = ContextWindows.targetLength(in.targetLength(), contextLength);
        List<Integer> lengths = p.lengths() != null ? sortedDistinct(p.lengths())
                : sortedDistinct(List.of(contextLength, 2 * contextLength, targetLength));
        int longest = lengths.get(lengths.size() - 1);
        if (p.perplexityBuckets() > longest - 1) {
            throw new IllegalArgumentException("evaluator.perplexityBuckets " + p.perplexityBuckets() + " is more than"
                    + " the " + (longest - 1) + " predicted positions of a " + longest + "-token text; use at most "
                    + (longest - 1));
        }
        long budget = in.memoryBudgetBytes() != null ? in.memoryBudgetBytes() : MemoryPlan.detectedBudgetBytes();
        Map<String, MemoryPlan> plans = new LinkedHashMap<>();
        configs.forEach((name, c) -> {
            try {
                plans.put(name, MemoryPlan.plan(c, longest, budget, LlamaModel.DEFAULT_ATTENTION_CHUNK_ELEMENTS,
                        p.batchSize(), halfWeights(p)));
            } catch (IllegalArgumentException e) {
                throw new dev.longrecipe.evaluator.memory.InsufficientMemoryException("model '" + name + "': "
                        + e.getMessage());
            }
        });
        if (in.sweep() != null && !in.sweep().lambdaByModel().isEmpty() && !in.models().containsKey("base")) {
            throw new IllegalArgumentException("the merge sweep is judged against the base model's short-text"
                    + " perplexity, and base is not among the models evaluated; keep base in evaluator.models");
        }
        Path tokenizerPath = tokenizerOf(in);
        OptionalInt bos = bosOf(in.models());
        HaystackCorpus corpus = in.haystackCorpus() != null ? HaystackCorpus.load(in.haystackCorpus())
                : HaystackCorpus.bundledKjv();
        HaystackCorpus perplexityCorpus = in.perplexityCorpus() != null
                ? HaystackCorpus.loadPerplexityCorpus(in.perplexityCorpus()) : corpus;

        try (ModelTokenizer tokenizer = ModelTokenizer.load(tokenizerPath, bos)) {
            // 2. samples and perplexity texts, once for all models; a task whose prompt cannot fit a length is
            // skipped there (with the reason), the others still run
            progress.report(0.0, "making samples at lengths " + lengths);
            Map<String, Path> qaDatasets = new LinkedHashMap<>();
            p.qaDatasets().forEach((task, file) -> qaDatasets.put(task, Path.of(file)));
            TaskContext ctx = new TaskContext(tokenizer, corpus, p.samplesPerTask(), p.depths(), p.maxNewTokens(),
                    in.seed(), qaDatasets);
            int shortLength = Math.min(contextLength, longest);
            Suite suite = Suite.make(ctx, tokenizer, p.tasks(), lengths, perplexityCorpus, shortLength, longest);
            configs.forEach((name, c) -> checkVocabulary(name, c, tokenizerPath, suite));

            // 3. each model in turn
            int perModel = suite.samples().size() + suite.longTexts().size() + suite.shortTexts().size();
            int total = perModel * in.models().size();
            int[] done = {0};
            List<ModelResults> results = new ArrayList<>();
            for (Map.Entry<String, Path> m : in.models().entrySet()) {
                try (LlamaModel model = LlamaModel.load(m.getValue(), LlamaModel.preferredDevice(),
                        halfWeights(p) ? ai.djl.ndarray.types.DataType.FLOAT16 : ai.djl.ndarray.types.DataType.FLOAT32)) {
                    ModelEvaluation eval = new ModelEvaluation(m.getKey(), m.getValue(), model, tokenizer,
                            plans.get(m.getKey()));
                    results.add(eval.run(suite.samples(), suite.longTexts(), suite.shortTexts(),
                            p.perplexityBuckets(), p.depths(),
                            message -> progress.report((double) ++done[0] / total, message)));
                }
            }

            // 4. results.json, charts, report
            BenchmarkResults.Settings settings = new BenchmarkResults.Settings(lengths, p.tasks(), p.samplesPerTask(),
                    p.depths(), p.maxNewTokens(), p.perplexityBuckets(), in.seed(),
                    corpus.source(), tokenizerPath.toString(), bos.isPresent() ? bos.getAsInt() : null,
                    perplexityCorpus.source(), perplexityText(in, corpus), shortLength, longest,
                    suite.longTexts().size(), RulerVersion.WORDING, budgets(ctx, p.tasks()), deviations(p.tasks()));
            MergeSweep sweep = in.sweep() == null || in.sweep().lambdaByModel().isEmpty() ? null
                    : MergeSweep.of(results, in.sweep(), targetLength);
            Map<String, Double> summary = new java.util.TreeMap<>(Summary.of(results));
            if (sweep != null && sweep.pick() != null) {
                summary.put("sweep.pick_lambda_base", sweep.pick());
            }
            BenchmarkResults benchmark = new BenchmarkResults(BenchmarkResults.FORMAT_VERSION, in.runId(),
                    Instant.now().toString(), settings, suite.skipped(), results, summary, sweep);
            Files.createDirectories(outDir);
            Path resultsJson = outDir.resolve("results.json");
            ResultsJson.write(benchmark, resultsJson);
            RunReport.Written report = RunReport.write(benchmark, in.report(), outDir);
            progress.report(1.0, "done");
            return new EvaluationOutcome(benchmark, resultsJson, report.html(), report.charts());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** Each task's decoding budget in this run: RULER's, or evaluator.maxNewTokens when set. */
    static Map<String, Integer> budgets(TaskContext ctx, List<String> tasks) {
        Map<String, Integer> out = new LinkedHashMap<>();
        tasks.forEach(t -> out.put(t, ctx.budgetOf(BenchmarkTasks.get(t))));
        return out;
    }

    /** Each task's departures from RULER, as the task states them. */
    static Map<String, List<String>> deviations(List<String> tasks) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        tasks.forEach(t -> out.put(t, BenchmarkTasks.get(t).about().deviations()));
        return out;
    }

    /**
     * The BOS every model's inputs start with (hf-checkpoint's {@link BosToken} rule on the base model's folder). The
     * models see the same prompts, so they must agree; folders the trainer and merger write carry the base model's
     * tokenizer files, so they do.
     */
    static OptionalInt bosOf(Map<String, Path> models) {
        Iterator<Map.Entry<String, Path>> it = models.entrySet().iterator();
        Map.Entry<String, Path> first = it.next();
        OptionalInt bos = BosToken.of(first.getValue());
        while (it.hasNext()) {
            Map.Entry<String, Path> m = it.next();
            OptionalInt other = BosToken.of(m.getValue());
            if (!other.equals(bos)) {
                throw new IllegalArgumentException("models '" + first.getKey() + "' and '" + m.getKey() + "' disagree"
                        + " on the BOS token their inputs start with (" + describe(bos) + " vs " + describe(other)
                        + ", by tokenizer_config.json, tokenizer.json's post-processor and config.json's"
                        + " bos_token_id); the evaluator gives every model the same prompts, so the folders must carry"
                        + " the same tokenizer files (copy the base model's into " + m.getValue() + ")");
            }
        }
        return bos;
    }

    private static String describe(OptionalInt bos) {
        return bos.isPresent() ? "id " + bos.getAsInt() : "none";
    }

    /** What the perplexity texts are, said plainly: held-out text only when the spec gave one. */
    static String perplexityText(EvaluatorInputs in, HaystackCorpus haystack) {
        if (in.perplexityCorpus() != null) {
            return "held-out text: " + in.perplexityCorpus().getFileName();
        }
        String name = in.haystackCorpus() != null ? in.haystackCorpus().getFileName().toString()
                : "bundled King James text";
        return "haystack corpus: " + name + " (the needle haystacks' text, not held out; set"
                + " evaluator.perplexityCorpus for held-out text)";
    }

    private static ModelConfig readConfig(String name, Path dir) {
        if (dir == null || !Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException("model '" + name + "' folder " + dir + " has no config.json; pass a"
                    + " Hugging Face model folder (config.json + safetensors)");
        }
        return ModelConfig.read(dir.resolve("config.json"));
    }

    private static Path tokenizerOf(EvaluatorInputs in) {
        if (in.tokenizer() != null) {
            return in.tokenizer();
        }
        for (Path dir : in.models().values()) {
            if (Files.isRegularFile(dir.resolve("tokenizer.json"))) {
                return dir.resolve("tokenizer.json");
            }
        }
        throw new IllegalArgumentException("none of the model folders " + in.models().values() + " has a"
                + " tokenizer.json; the benchmark lengths are counted in the models' own tokens, so the evaluator"
                + " needs it (copy it into the base model folder)");
    }

    private static void checkVocabulary(String name, ModelConfig c, Path tokenizer, Suite suite) {
        int max = -1;
        for (ModelEvaluation.EncodedSample s : suite.samples()) {
            for (int id : s.ids()) {
                max = Math.max(max, id);
            }
        }
        for (List<int[]> texts : List.of(suite.longTexts(), suite.shortTexts())) {
            for (int[] t : texts) {
                for (int id : t) {
                    max = Math.max(max, id);
                }
            }
        }
        if (max >= c.vocabSize()) {
            throw new IllegalArgumentException("tokenizer " + tokenizer + " produces token id " + max + " but model '"
                    + name + "' has vocab_size " + c.vocabSize() + "; the tokenizer does not belong to this model"
                    + " (use the tokenizer.json the model was trained with)");
        }
    }

    private static List<Integer> sortedDistinct(List<Integer> lengths) {
        return List.copyOf(new TreeSet<>(lengths));
    }

    /** evaluator.weightStorage: float16 holds each model's weights at half size while it is evaluated. */
    private static boolean halfWeights(EvaluatorParams p) {
        return "float16".equals(p.weightStorage());
    }
}
