package dev.longrecipe.evaluator;

import dev.longrecipe.schema.ProgressListener;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.evaluator.memory.InsufficientMemoryException;
import dev.longrecipe.evaluator.report.ReportSources;
import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.SampleOutcome;
import dev.longrecipe.evaluator.results.BenchmarkResults.SkippedTask;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import dev.longrecipe.evaluator.haystack.HaystackCorpus;
import dev.longrecipe.evaluator.task.TaskContext;
import dev.longrecipe.evaluator.text.ModelTokenizer;
import dev.longrecipe.evaluator.results.ResultsJson;
import dev.longrecipe.evaluator.task.BenchmarkTasks;
import dev.longrecipe.evaluator.task.RulerVersion;
import dev.longrecipe.schema.spec.EvaluatorParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** The whole stage on the tiny reference models with real text (a 512-token cut of the fixture tokenizer). */
class EvaluatorTest {
    @TempDir
    static Path shared;
    private static Path tokenizer;

    @BeforeAll
    static void tokenizer() throws IOException {
        tokenizer = SmallVocabTokenizer.derive(512, shared.resolve("bpe512"));
    }

    private static EvaluatorParams params(List<Integer> lengths, List<String> tasks) {
        return new EvaluatorParams(lengths, tasks, 1, 2, 8, Map.of(), null, null, 2, List.of("base", "extended"),
                3, "float32");
    }

    private static EvaluatorInputs inputs(Map<String, Path> models, EvaluatorParams p, Long memory,
                                          ReportSources report) {
        return new EvaluatorInputs("run-1", 42L, p, models, tokenizer, null, null, 160, null, memory, report,
                null);
    }

    private static Map<String, Path> baseAndExtended() {
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("base", Fixtures.LLAMA_DEFAULT);
        models.put("extended", Fixtures.ROOT.resolve("hf-reference/llama-linear4"));
        return models;
    }

    @Test
    void comparesModelsInOneResultsFileWithChartsAndASelfContainedReport(@TempDir Path out) throws IOException {
        ReportSources upstream = upstreamArtifacts(out.resolve("upstream"));
        List<Double> fractions = new ArrayList<>();
        EvaluationOutcome o = Evaluator.run(inputs(baseAndExtended(),
                        params(List.of(480, 640), List.of("niah_single_2", "niah_multikey_1", "niah_multivalue",
                                "niah_multiquery")), null,
                        upstream),
                out.resolve("eval"), (f, m) -> fractions.add(f));

        BenchmarkResults r = ResultsJson.read(o.resultsJson());
        assertThat(r).isEqualTo(o.results());
        assertThat(r.formatVersion()).isEqualTo(2);
        assertThat(r.settings().rulerVersion()).isEqualTo(RulerVersion.WORDING);
        assertThat(r.settings().tokensToGenerate()).containsEntry("niah_single_2", 8).hasSize(4);
        assertThat(r.settings().deviations().get("niah_single_2")).isNotEmpty();
        assertThat(r.settings().lengths()).containsExactly(480, 640);
        assertThat(r.models()).extracting(ModelResults::name).containsExactly("base", "extended");
        for (ModelResults m : r.models()) {
            // 2 lengths × 4 tasks × 1 sample
            assertThat(m.samples()).hasSize(8);
            for (SampleOutcome s : m.samples()) {
                assertThat(s.promptTokens() + 8).isBetween(s.length() - 4, s.length());
                assertThat(s.score()).isEqualTo(BenchmarkTasks.get(s.task()).about().metric().sampleScore(s.output(),
                        s.expected()));
                assertThat(s.stopReason()).isIn("EOS", "BUDGET"); // no stop at a line break any more
            }
            assertThat(m.tasks()).hasSize(8);
            assertThat(m.niahM()).extracting(BenchmarkResults.LengthScore::length).containsExactly(480, 640);
            // one heatmap per needle task; every asked-for needle counted once per sample
            assertThat(m.depthGrids()).extracting(BenchmarkResults.TaskGrid::task).containsExactly("niah_single_2",
                    "niah_multikey_1", "niah_multivalue", "niah_multiquery");
            assertThat(m.depthGrid("niah_single_2")).extracting(BenchmarkResults.GridCell::length)
                    .containsOnly(480, 640);
            // the RULER average is the mean of the tasks at each length
            for (BenchmarkResults.LengthScore avg : m.rulerAverage()) {
                assertThat(avg.score()).isCloseTo(m.tasks().stream().filter(t -> t.length() == avg.length())
                        .mapToDouble(TaskScore::score).average().orElseThrow(), within(1e-9));
            }
            assertThat(m.rulerAverage()).extracting(BenchmarkResults.LengthScore::length).containsExactly(480, 640);
            // a failed answer keeps the end of its prompt, a correct one does not
            for (SampleOutcome s : m.samples()) {
                if (s.score() < 1) {
                    assertThat(s.promptTail()).isNotBlank();
                } else {
                    assertThat(s.promptTail()).isNull();
                }
            }
            assertThat(m.perplexity().length()).isEqualTo(640);
            assertThat(m.perplexity().buckets()).hasSize(2);
            assertThat(m.shortContext().length()).isEqualTo(160);
            assertThat(m.shortContext().perplexity()).isGreaterThan(1.0).isFinite();
        }
        // an untrained model predicts random text: its perplexity is near the vocabulary size, not far below it
        assertThat(r.models().get(0).shortContext().perplexity()).isBetween(200.0, 2000.0);
        // the same prompts for every model
        assertThat(r.models().get(0).samples()).extracting(SampleOutcome::expected)
                .isEqualTo(r.models().get(1).samples().stream().map(SampleOutcome::expected).toList());
        assertThat(r.summary()).containsKeys("base.niah_m", "extended.niah_m@640", "base.niah_single_2",
                "extended.short_ppl", "base.empty_outputs");
        assertThat(fractions).isSorted();
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);

        assertThat(o.charts()).extracting(p -> p.getFileName().toString()).contains("score-by-length.png",
                "perplexity-by-position.png", "heatmap-niah_single_2-base.png", "heatmap-niah_multikey_1-extended.png",
                "training-loss.png");
        for (Path png : o.charts()) {
            assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(png.getFileName().toString()
                    .startsWith("heatmap-") ? 600 : 900);
        }
        String html = Files.readString(o.reportHtml());
        assertThat(html).contains("<h2>Summary</h2>", "<h2>Model: base</h2>", "<h2>Model: extended</h2>",
                "<h2>Lineage</h2>", "<h2>Impactful token analysis</h2>", "<h2>Segmenter statistics</h2>",
                "avgContinuousSegmentLength", "<h2>Training</h2>", "<h2>Run spec</h2>", "&quot;method&quot;",
                "<h2>RULER: task × length</h2>", "<h3>niah_multivalue: depth × length</h3>", "RULER version",
                RulerVersion.WORDING);
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(o.charts().size() + 1 + 1); // + analysis
        assertThat(html).doesNotContain("src=\"charts/");
    }

    @Test
    void aModelThatEmitsNothingScoresZeroAndIsReportedNotCrashed(@TempDir Path tmp) throws IOException {
        // every token is an end-of-sequence token for this copy, so greedy decoding stops before any answer
        Path mute = tmp.resolve("mute");
        Files.createDirectories(mute);
        Files.copy(Fixtures.LLAMA_DEFAULT.resolve("model.safetensors"), mute.resolve("model.safetensors"));
        Files.copy(Fixtures.LLAMA_DEFAULT.resolve("config.json"), mute.resolve("config.json"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode gen = json.createObjectNode();
        ArrayNode all = gen.putArray("eos_token_id");
        for (int i = 0; i < 512; i++) {
            all.add(i);
        }
        json.writeValue(mute.resolve("generation_config.json").toFile(), gen);

        EvaluationOutcome o = Evaluator.run(inputs(Map.of("merged", mute), params(List.of(320),
                List.of("niah_single_2")), null, null), tmp.resolve("out"), ProgressListener.NONE);
        ModelResults m = o.results().models().get(0);
        assertThat(m.emptyOutputs()).isEqualTo(1); // samplesPerTask 1
        assertThat(m.samples()).allSatisfy(s -> {
            assertThat(s.output()).isEmpty();
            assertThat(s.stopReason()).isEqualTo("EOS");
            assertThat(s.score()).isZero();
        });
        assertThat(m.tasks().get(0).score()).isZero();
        assertThat(o.results().summary()).containsEntry("merged.empty_outputs", 1.0);
        assertThat(Files.readString(o.reportHtml())).contains("produced no answer text in 1 of 1 sample");
    }

    @Test
    void aLengthBeyondTheMemoryBudgetFailsUpFrontNamingTheLimit(@TempDir Path tmp) {
        assertThatThrownBy(() -> Evaluator.run(inputs(baseAndExtended(), params(List.of(480, 200_000),
                List.of("niah_single_2")), 64L << 20, null), tmp, ProgressListener.NONE))
                .isInstanceOf(InsufficientMemoryException.class)
                .hasMessageContaining("model 'base': length 200000 does not fit in memory")
                .hasMessageContaining("the longest length that fits is")
                .hasMessageContaining("Lower evaluator.lengths");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void aTokenizerThatDoesNotBelongToTheModelIsRejected(@TempDir Path tmp) {
        EvaluatorInputs in = new EvaluatorInputs("r", 1L, params(List.of(480), List.of("niah_single_2")),
                Map.of("base", Fixtures.LLAMA_DEFAULT), Fixtures.TOKENIZER_BPE2048, null, null, 160, null, null, null,
                null);
        assertThatThrownBy(() -> Evaluator.run(in, tmp, ProgressListener.NONE))
                .hasMessageContaining("has vocab_size 512")
                .hasMessageContaining("the tokenizer does not belong to this model");
    }

    @Test
    void anEmptyHaystackCorpusIsRejected(@TempDir Path tmp) throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "{\"text\": \"  \"}\n");
        EvaluatorInputs in = new EvaluatorInputs("r", 1L, params(List.of(480), List.of("niah_single_2")),
                Map.of("base", Fixtures.LLAMA_DEFAULT), tokenizer, empty, null, 160, null, null, null, null);
        assertThatThrownBy(() -> Evaluator.run(in, tmp.resolve("out"), ProgressListener.NONE))
                .hasMessageContaining("has no text");
    }

    @Test
    void everyPromptAndPerplexityTextStartsWithTheModelsBosExactlyOnce(@TempDir Path tmp) throws IOException {
        // the fixture models name bos_token_id 1 in config.json and ship no tokenizer_config.json: BOS is id 1
        OptionalInt bos = Evaluator.bosOf(Map.of("base", Fixtures.LLAMA_DEFAULT));
        assertThat(bos).hasValue(1);
        Suite with = suite(bos, null);
        assertThat(with.samples()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.ids()[0]).isEqualTo(1);
            assertThat(Arrays.stream(s.ids()).filter(id -> id == 1).count()).isEqualTo(1);
            assertThat(s.ids()).hasSize(s.sample().promptTokens());
        });
        for (int[] text : concat(with.longTexts(), with.shortTexts())) {
            assertThat(text[0]).isEqualTo(1);
            assertThat(Arrays.stream(text).filter(id -> id == 1).count()).isEqualTo(1);
        }

        // a tokenizer_config.json that turns BOS off: none anywhere, and the lengths still add up
        Path noBos = copyModel(Fixtures.LLAMA_DEFAULT, tmp.resolve("no-bos"));
        Files.writeString(noBos.resolve("tokenizer_config.json"), "{\"add_bos_token\": false, \"bos_token\": \"<s>\"}");
        assertThat(Evaluator.bosOf(Map.of("base", noBos))).isEmpty();
        Suite without = suite(OptionalInt.empty(), null);
        assertThat(without.samples()).allSatisfy(s -> {
            assertThat(s.ids()).doesNotContain(1);
            assertThat(s.ids()).hasSize(s.sample().promptTokens());
        });
        for (int[] text : concat(without.longTexts(), without.shortTexts())) {
            assertThat(text).doesNotContain(1);
        }

        // models that disagree cannot share prompts
        Map<String, Path> mixed = new LinkedHashMap<>();
        mixed.put("base", Fixtures.LLAMA_DEFAULT);
        mixed.put("extended", noBos);
        assertThatThrownBy(() -> Evaluator.bosOf(mixed)).hasMessageContaining("disagree on the BOS token")
                .hasMessageContaining("id 1 vs none");
    }

    @Test
    void aTaskWhosePromptCannotFitALengthIsSkippedThereWhileNiahSingleRuns(@TempDir Path out) throws IOException {
        // with this 512-token vocabulary a single-needle prompt fits 200 tokens, four needles do not
        EvaluationOutcome o = Evaluator.run(inputs(Map.of("base", Fixtures.LLAMA_DEFAULT), params(List.of(200, 480),
                List.of("niah_single_2", "niah_multikey_1", "niah_multivalue", "niah_multiquery")), null, null), out,
                ProgressListener.NONE);
        BenchmarkResults r = ResultsJson.read(o.resultsJson());
        assertThat(r.skipped()).extracting(SkippedTask::task, SkippedTask::length)
                .containsExactly(tuple("niah_multikey_1", 200), tuple("niah_multivalue", 200),
                        tuple("niah_multiquery", 200));
        assertThat(r.skipped()).allSatisfy(s -> {
            assertThat(s.reason()).contains("does not fit", "4 needles");
            assertThat(s.neededLength()).isGreaterThan(200);
        });
        ModelResults m = r.models().get(0);
        assertThat(m.tasks()).extracting(TaskScore::task, TaskScore::length).containsExactly(
                tuple("niah_single_2", 200), tuple("niah_single_2", 480), tuple("niah_multikey_1", 480),
                tuple("niah_multivalue", 480), tuple("niah_multiquery", 480));
        assertThat(m.depthGrid("niah_single_2")).extracting(BenchmarkResults.GridCell::length).contains(200, 480);
        // NIAH(M) only where all its tasks ran
        assertThat(m.niahM()).extracting(BenchmarkResults.LengthScore::length).containsExactly(480);
        assertThat(r.summary()).containsKey("base.niah_m@480").doesNotContainKey("base.niah_m@200");
        String html = Files.readString(o.reportHtml());
        assertThat(html).contains("<b>n/a</b>: not run", "<li>niah_multivalue @200: the prompt does not fit",
                "<li>niah_multiquery @200: the prompt does not fit");

        // a length too short for every task is an error that names the minimum
        assertThatThrownBy(() -> Evaluator.run(inputs(Map.of("base", Fixtures.LLAMA_DEFAULT), params(List.of(64),
                List.of("niah_single_2")), null, null), out.resolve("none"), ProgressListener.NONE))
                .hasMessageContaining("no task of [niah_single_2] fits at any of the lengths [64]")
                .hasMessageContaining("use evaluator.lengths of at least");
    }

    @Test
    void replayIsComparedAlongsideAndPerplexityIsMeasuredOnTheHeldOutText(@TempDir Path tmp) throws IOException {
        Path heldOut = Files.writeString(tmp.resolve("heldout.txt"), String.join("\n", java.util.Collections.nCopies(
                40, "Zebra quartz jumped over seven vexing lizards. Glowing kites drift above the dunes.")));
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("base", Fixtures.LLAMA_DEFAULT);
        models.put("extended", Fixtures.ROOT.resolve("hf-reference/llama-linear4"));
        models.put("replay", Fixtures.LLAMA_TIED);
        models.put("merged", Fixtures.QWEN2);
        EvaluatorParams p = new EvaluatorParams(List.of(320), List.of("niah_single_2"), 1, 1, 8, Map.of(), null,
                heldOut.toString(), 2, EvaluatorParams.MODELS, 8, "float32");
        EvaluationOutcome o = Evaluator.run(new EvaluatorInputs("run-1", 42L, p, models, tokenizer, null, heldOut,
                160, null, null, null, null), tmp.resolve("out"), ProgressListener.NONE);

        BenchmarkResults r = ResultsJson.read(o.resultsJson());
        assertThat(r.models()).extracting(ModelResults::name).containsExactly("base", "extended", "replay", "merged");
        assertThat(r.summary()).containsKeys("replay.niah_single_2", "replay.short_ppl", "replay.long_ppl_last");
        assertThat(r.settings().perplexityCorpus()).isEqualTo(heldOut.toString());
        assertThat(r.settings().perplexityText()).isEqualTo("held-out text: heldout.txt");
        assertThat(r.settings().bosTokenId()).isEqualTo(1);
        assertThat(o.charts()).extracting(c -> c.getFileName().toString()).contains("heatmap-niah_single_2-replay.png");
        assertThat(Files.readString(o.reportHtml())).contains("<h2>Model: replay</h2>",
                "Measured on held-out text: heldout.txt", "first in every prompt and perplexity text");

        // the perplexity texts are cut from that text, not from the haystack corpus
        try (ModelTokenizer t = ModelTokenizer.load(tokenizer, OptionalInt.of(1))) {
            Suite own = suite(OptionalInt.of(1), HaystackCorpus.loadPerplexityCorpus(heldOut));
            Suite haystack = suite(OptionalInt.of(1), null);
            assertThat(t.decode(own.longTexts().get(0))).contains("Zebra quartz");
            assertThat(t.decode(haystack.longTexts().get(0))).doesNotContain("Zebra");
        }
        assertThat(Evaluator.perplexityText(inputs(models, p, null, null), null))
                .startsWith("haystack corpus: bundled King James text").contains("not held out");
    }

    /** The suite at 200 and 480 tokens on the bundled text, perplexity from {@code perplexity} (else that text). */
    private static Suite suite(OptionalInt bos, HaystackCorpus perplexity) {
        HaystackCorpus kjv = HaystackCorpus.bundledKjv();
        try (ModelTokenizer t = ModelTokenizer.load(tokenizer, bos)) {
            TaskContext ctx = new TaskContext(t, kjv, 1, 2, 8, 42L, Map.of());
            return Suite.make(ctx, t, List.of("niah_single_2", "niah_multivalue"), List.of(200, 480),
                    perplexity != null ? perplexity : kjv, 160, 480);
        }
    }

    private static List<int[]> concat(List<int[]> a, List<int[]> b) {
        List<int[]> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Path copyModel(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String f : List.of("config.json", "generation_config.json", "model.safetensors")) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
        return to;
    }

    /** What the analyzer, segmenter and trainer leave behind, in their formats. */
    private static ReportSources upstreamArtifacts(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("training-log.jsonl");
        StringBuilder lines = new StringBuilder("{\"type\":\"phase\",\"phase\":\"extension\",\"steps\":3}\n");
        for (int step = 1; step <= 3; step++) {
            lines.append("{\"type\":\"step\",\"phase\":\"extension\",\"step\":").append(step)
                    .append(",\"loss\":").append(6.5 - step).append(",\"lr\":5e-5}\n");
        }
        lines.append("{\"type\":\"step\",\"phase\":\"replay\",\"step\":1,\"loss\":3.1}\n{\"type\":\"step\",\"pha");
        Files.writeString(log, lines);
        Path stats = Files.writeString(dir.resolve("stats.json"), "{\"samples\": 12, \"avgContinuousSegmentLength\":"
                + " 88.5, \"badInput\": {\"blank-line\": 1}}");
        Path analysis = dir.resolve("impactful-types.png");
        ImageIO.write(new java.awt.image.BufferedImage(20, 10, java.awt.image.BufferedImage.TYPE_INT_RGB), "png",
                analysis.toFile());
        return new ReportSources("{\"runId\":\"run-1\",\"method\":\"longrecipe\"}",
                Map.of("analyzer", 1, "segmenter", 2, "trainer", 1, "merger", 1), analysis, stats, log);
    }
}
