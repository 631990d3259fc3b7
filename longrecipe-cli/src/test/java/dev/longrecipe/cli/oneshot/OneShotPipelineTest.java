package dev.longrecipe.cli.oneshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five one-shot doors chained the way the README shows them, on a tiny random Llama (window L = 64) with the
 * KJV tokenizer: analyze → segment --report → train → merge → eval. Each step reads the previous step's files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneShotPipelineTest {
    @TempDir
    static Path dir;
    static Path base;
    static Path reference;
    static Path corpus;
    static Path spec;

    @BeforeAll
    static void inputs() throws IOException {
        base = TinyInputs.tinyLlama(dir.resolve("base"), 1, 10_000);
        reference = TinyInputs.tinyLlama(dir.resolve("reference"), 2, 40_000);
        corpus = TinyInputs.kjvChapters(dir.resolve("kjv.jsonl"), 8);
        spec = Files.writeString(dir.resolve("run.yaml"), """
                targetLength: 256
                seed: 3
                analyzer: {samples: 2, length: 48}
                trainer:
                  replayFraction: 0.05
                  checkpointEvery: 1
                  extension: {steps: 2, batchSize: 2, microBatchSize: 2, lr: 1.0e-3}
                  replay: {steps: 1, batchSize: 1}
                evaluator:
                  lengths: [400, 512]
                  tasks: [niah_single_2, niah_multikey_1]
                  samplesPerTask: 1
                  depths: 2
                  maxNewTokens: 4
                  perplexityBuckets: 2
                """);
    }

    @Test
    @Order(1)
    void analyzeComparesTheTwoModelsAndWritesReportAndChart() throws IOException {
        OneShotCli.Result r = OneShotCli.run("analyze", "--model", base.toString(), "--reference",
                reference.toString(), "--corpus", corpus.toString(), "--out", dir.resolve("analysis").toString(),
                "--spec", spec.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = Json.MAPPER.readTree(dir.resolve("analysis/report.json").toFile());
        assertThat(report.get("samples").get("count").asInt()).isEqualTo(2);
        assertThat(report.get("parameters").get("length").asInt()).isEqualTo(48);
        assertThat(r.out()).contains("anchor rule: " + report.get("anchorRule").asText()).contains("report.json");
        assertThat(r.err()).contains("2/2 samples analysed");
    }

    @Test
    @Order(2)
    void segmentTakesTheAnchorsFromTheReportAndLFromTheModel() throws IOException {
        OneShotCli.Result r = OneShotCli.run("segment", "--corpus", corpus.toString(), "--model", base.toString(),
                "--report", dir.resolve("analysis/report.json").toString(), "--out", dir.resolve("samples").toString(),
                "--spec", spec.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode stats = Json.MAPPER.readTree(dir.resolve("samples/stats.json").toFile());
        assertThat(stats.get("targetLength").asInt()).isEqualTo(256);
        assertThat(stats.get("samples").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(3)
    void trainRunsBothPhasesAndPrintsStepLines() {
        Path out = dir.resolve("training");
        OneShotCli.Result r = OneShotCli.run("train", "--model", base.toString(), "--samples",
                dir.resolve("samples").toString(), "--replay-corpus", corpus.toString(), "--out", out.toString(),
                "--spec", spec.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("extension step 1/2  loss ").contains("extension step 2/2")
                .contains("replay step 1/1").contains("checkpoint " + out.resolve("replay/final"));
        assertThat(out.resolve("extension/final/config.json")).isRegularFile();
        assertThat(out.resolve("replay/final/model.safetensors")).isRegularFile();
        assertThat(r.out()).contains("replayed model: " + out.resolve("replay/final"));
    }

    @Test
    @Order(4)
    void trainAgainOnAFinishedOutputDoesNotTrainAgain() {
        OneShotCli.Result r = OneShotCli.run("train", "--model", base.toString(), "--samples",
                dir.resolve("samples").toString(), "--replay-corpus", corpus.toString(), "--out",
                dir.resolve("training").toString(), "--spec", spec.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("step 1/").contains("checkpoint " + dir.resolve("training/replay/final"));
    }

    @Test
    @Order(5)
    void mergeAveragesBaseAndReplayedModel() {
        OneShotCli.Result r = OneShotCli.run("merge", "--base", base.toString(), "--other",
                dir.resolve("training/replay/final").toString(), "--out", dir.resolve("merged").toString(),
                "--spec", spec.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.resolve("merged/tokenizer.json")).isRegularFile();
    }

    @Test
    @Order(6)
    void evalComparesTheModelsAndPrintsTheTableAndReportPath() throws IOException {
        Path out = dir.resolve("eval");
        OneShotCli.Result r = OneShotCli.run("eval", "--model", "base=" + base, "--model",
                "merged=" + dir.resolve("merged"), "--haystack", corpus.toString(), "--out", out.toString(),
                "--training-log", dir.resolve("training/training-log.jsonl").toString(),
                "--segmenter-stats", dir.resolve("samples/stats.json").toString(), "--spec", spec.toString(),
                "--sweep", "merged=0.5", "--sweep", "base=1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(results.get("models")).hasSize(2);
        assertThat(r.out()).containsPattern("base\\s+niah_single_2\\s+\\d+\\.\\d\\s+\\d+\\.\\d")
                .containsPattern("merged\\s+NIAH\\(M\\)")
                .contains("report:  " + out.resolve("report.html"));
        assertThat(Files.readString(out.resolve("report.html"))).contains("niah_single_2", "<h2>Merge sweep</h2>");
        assertThat(results.at("/mergeSweep/points")).extracting(p -> p.get("model").asText())
                .containsExactly("merged", "base");
        assertThat(r.out()).contains("merge sweep", "λ_base 0.5", "pick: ");
    }
}
