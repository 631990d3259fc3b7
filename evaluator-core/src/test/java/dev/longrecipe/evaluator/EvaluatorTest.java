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
import dev.longrecipe.evaluator.results.ResultsJson;
import dev.longrecipe.evaluator.score.StringMatchAll;
import dev.longrecipe.schema.spec.EvaluatorParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        return new EvaluatorParams(lengths, tasks, 1, 2, "number", 8, null, 2, List.of("base", "extended"));
    }

    private static EvaluatorInputs inputs(Map<String, Path> models, EvaluatorParams p, Long memory,
                                          ReportSources report) {
        return new EvaluatorInputs("run-1", 42L, p, models, tokenizer, null, 160, null, memory, report);
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
                        params(List.of(480, 640), List.of("niah_single", "niah_multivalue", "niah_multiquery")), null,
                        upstream),
                out.resolve("eval"), (f, m) -> fractions.add(f));

        BenchmarkResults r = ResultsJson.read(o.resultsJson());
        assertThat(r).isEqualTo(o.results());
        assertThat(r.formatVersion()).isEqualTo(1);
        assertThat(r.settings().lengths()).containsExactly(480, 640);
        assertThat(r.models()).extracting(ModelResults::name).containsExactly("base", "extended");
        for (ModelResults m : r.models()) {
            // 2 lengths × (2 depths + 1 multivalue + 1 multiquery)
            assertThat(m.samples()).hasSize(8);
            for (SampleOutcome s : m.samples()) {
                assertThat(s.promptTokens() + 8).isBetween(s.length() - 4, s.length());
                assertThat(s.score()).isEqualTo(StringMatchAll.sampleScore(s.output(), s.expected()));
                assertThat(s.stopReason()).isIn("EOS", "NEWLINE", "BUDGET");
            }
            assertThat(m.tasks()).hasSize(6);
            assertThat(m.niahM()).extracting(BenchmarkResults.LengthScore::length).containsExactly(480, 640);
            assertThat(m.singleNeedleGrid()).hasSize(4);
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
        assertThat(r.summary()).containsKeys("base.niah_m", "extended.niah_m@640", "base.niah_single",
                "extended.short_ppl", "base.empty_outputs");
        assertThat(fractions).isSorted();
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);

        assertThat(o.charts()).extracting(p -> p.getFileName().toString()).contains("score-by-length.png",
                "perplexity-by-position.png", "heatmap-base.png", "heatmap-extended.png", "training-loss.png");
        for (Path png : o.charts()) {
            assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
        }
        String html = Files.readString(o.reportHtml());
        assertThat(html).contains("<h2>Summary</h2>", "<h2>Model: base</h2>", "<h2>Model: extended</h2>",
                "<h2>Lineage</h2>", "<h2>Impactful token analysis</h2>", "<h2>Segmenter statistics</h2>",
                "avgContinuousSegmentLength", "<h2>Training</h2>", "<h2>Run spec</h2>", "&quot;method&quot;");
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
                List.of("niah_single")), null, null), tmp.resolve("out"), ProgressListener.NONE);
        ModelResults m = o.results().models().get(0);
        assertThat(m.emptyOutputs()).isEqualTo(2);
        assertThat(m.samples()).allSatisfy(s -> {
            assertThat(s.output()).isEmpty();
            assertThat(s.stopReason()).isEqualTo("EOS");
            assertThat(s.score()).isZero();
        });
        assertThat(m.tasks().get(0).score()).isZero();
        assertThat(o.results().summary()).containsEntry("merged.empty_outputs", 2.0);
        assertThat(Files.readString(o.reportHtml())).contains("produced no answer text in 2 of 2 samples");
    }

    @Test
    void aLengthBeyondTheMemoryBudgetFailsUpFrontNamingTheLimit(@TempDir Path tmp) {
        assertThatThrownBy(() -> Evaluator.run(inputs(baseAndExtended(), params(List.of(480, 200_000),
                List.of("niah_single")), 64L << 20, null), tmp, ProgressListener.NONE))
                .isInstanceOf(InsufficientMemoryException.class)
                .hasMessageContaining("model 'base': length 200000 does not fit in memory")
                .hasMessageContaining("the longest length that fits is")
                .hasMessageContaining("Lower evaluator.lengths");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void aTokenizerThatDoesNotBelongToTheModelIsRejected(@TempDir Path tmp) {
        EvaluatorInputs in = new EvaluatorInputs("r", 1L, params(List.of(480), List.of("niah_single")),
                Map.of("base", Fixtures.LLAMA_DEFAULT), Fixtures.TOKENIZER_BPE2048, null, 160, null, null, null);
        assertThatThrownBy(() -> Evaluator.run(in, tmp, ProgressListener.NONE))
                .hasMessageContaining("has vocab_size 512")
                .hasMessageContaining("the tokenizer does not belong to this model");
    }

    @Test
    void anEmptyHaystackCorpusIsRejected(@TempDir Path tmp) throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "{\"text\": \"  \"}\n");
        EvaluatorInputs in = new EvaluatorInputs("r", 1L, params(List.of(480), List.of("niah_single")),
                Map.of("base", Fixtures.LLAMA_DEFAULT), tokenizer, empty, 160, null, null, null);
        assertThatThrownBy(() -> Evaluator.run(in, tmp.resolve("out"), ProgressListener.NONE))
                .hasMessageContaining("has no text");
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
