package dev.longrecipe.cli.oneshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input at the analyze, train and eval doors: each names the problem and the fix, exit code 1. */
class StageDoorErrorsTest {
    static final Path FIXTURE = TinyInputs.fixtureModel("llama-default");

    @Test
    void analyzeWithoutAReferenceWritesTheDigitsRuleReport(@TempDir Path tmp) throws IOException {
        Path corpus = TinyInputs.kjvChapters(tmp.resolve("kjv.jsonl"), 1);

        OneShotCli.Result r = OneShotCli.run("analyze", "--model", FIXTURE.toString(), "--corpus", corpus.toString(),
                "--out", tmp.resolve("analysis").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = Json.MAPPER.readTree(tmp.resolve("analysis/report.json").toFile());
        assertThat(report.get("anchorRule").asText()).isEqualTo("digits");
        assertThat(r.out()).contains("anchor rule: digits");
    }

    @Test
    void analyzeRefusesAReferenceWithAnotherVocabulary(@TempDir Path tmp) throws IOException {
        Path tiny = TinyInputs.tinyLlama(tmp.resolve("tiny"), 1, 10_000);              // vocab 2048
        Path corpus = TinyInputs.kjvChapters(tmp.resolve("kjv.jsonl"), 1);

        OneShotCli.Result r = OneShotCli.run("analyze", "--model", tiny.toString(), "--reference", FIXTURE.toString(),
                "--corpus", corpus.toString(), "--out", tmp.resolve("analysis").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("vocab_size 2048").contains("512");
    }

    @Test
    void analyzeNamesAMissingReference(@TempDir Path tmp) throws IOException {
        Path corpus = TinyInputs.kjvChapters(tmp.resolve("kjv.jsonl"), 1);
        Path missing = tmp.resolve("long-model");

        OneShotCli.Result r = OneShotCli.run("analyze", "--model", FIXTURE.toString(), "--reference",
                missing.toString(), "--corpus", corpus.toString(), "--out", tmp.resolve("a").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("reference model H′ (--reference) does not exist: " + missing);
    }

    @Test
    void trainWithReplayButNoReplayCorpusSaysHowToFixIt(@TempDir Path tmp) throws IOException {
        OneShotCli.Result r = OneShotCli.run("train", "--model", FIXTURE.toString(), "--samples",
                Files.createDirectories(tmp.resolve("samples")).toString(), "--out", tmp.resolve("t").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--replay-corpus FILE").contains("--set trainer.replayFraction=0");
    }

    @Test
    void trainNamesAMissingSamplesFolder(@TempDir Path tmp) {
        Path missing = tmp.resolve("samples");

        OneShotCli.Result r = OneShotCli.run("train", "--model", FIXTURE.toString(), "--samples", missing.toString(),
                "--out", tmp.resolve("t").toString(), "--set", "trainer.replayFraction=0");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("samples folder (--samples) does not exist: " + missing)
                .contains("longrecipe segment");
    }

    @Test
    void trainReportsInvalidHyperparametersByField(@TempDir Path tmp) throws IOException {
        OneShotCli.Result r = OneShotCli.run("train", "--model", FIXTURE.toString(), "--samples",
                Files.createDirectories(tmp.resolve("samples")).toString(), "--out", tmp.resolve("t").toString(),
                "--set", "trainer.replayFraction=0", "--set", "trainer.extension.batchSize=3",
                "--set", "trainer.extension.microBatchSize=2");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("trainer.extension.batchSize").contains("multiple of microBatchSize");
    }

    @Test
    void evalNamesAMissingModelByItsName(@TempDir Path tmp) {
        Path missing = tmp.resolve("merged");

        OneShotCli.Result r = OneShotCli.run("eval", "--model", "base=" + FIXTURE, "--model", "merged=" + missing,
                "--out", tmp.resolve("e").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("model 'merged' (--model merged=…) does not exist: " + missing);
    }

    @Test
    void evalSweepPointsMustNameAModelAndAShare(@TempDir Path tmp) {
        OneShotCli.Result r = OneShotCli.run("eval", "--model", "base=" + FIXTURE, "--sweep", "merged=0.5",
                "--out", tmp.resolve("e").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--sweep merged=0.5 names no --model; give --model merged=DIR too");
        OneShotCli.Result share = OneShotCli.run("eval", "--model", "base=" + FIXTURE, "--sweep", "base=2",
                "--out", tmp.resolve("e").toString());
        assertThat(share.err()).contains("λ_base is a share in [0, 1]");
    }

    @Test
    void evalNeedsATokenizer(@TempDir Path tmp) {
        OneShotCli.Result r = OneShotCli.run("eval", "--model", "base=" + FIXTURE, "--out", tmp.resolve("e").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("tokenizer.json");
    }

    @Test
    void evalNamesAMissingHaystack(@TempDir Path tmp) {
        Path missing = tmp.resolve("hay.jsonl");

        OneShotCli.Result r = OneShotCli.run("eval", "--model", "base=" + FIXTURE, "--haystack", missing.toString(),
                "--out", tmp.resolve("e").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("haystack corpus (--haystack) does not exist: " + missing);
    }
}
