package dev.longrecipe.cli.oneshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentCommandTest {
    @TempDir
    static Path shared;
    static Path corpus;

    @BeforeAll
    static void corpus() throws IOException {
        corpus = TinyInputs.kjvChapters(shared.resolve("kjv.jsonl"), 12);
    }

    @Test
    void writesShardsManifestAndStatsAndExplainsSamplesWithPositions(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("samples");

        OneShotCli.Result r = OneShotCli.run("segment", "--corpus", corpus.toString(), "--tokenizer",
                TinyInputs.BPE_2048.toString(), "--context-length", "64", "--anchors", "NUM,PRON",
                "--out", out.toString(), "--explain", "2");

        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin"))).isNotEmpty();
        }
        JsonNode stats = Json.MAPPER.readTree(out.resolve("stats.json").toFile());
        assertThat(stats.get("documentsRead").asLong()).isEqualTo(12);
        assertThat(stats.get("samples").asLong()).isPositive();
        assertThat(stats.get("targetLength").asInt()).isEqualTo(256);              // L′ = 4·L by default
        assertThat(stats.get("sampleLength").asInt()).isEqualTo(77);               // Ls = round(0.3·L′)
        assertThat(out.resolve("manifest.json")).isRegularFile();
        assertThat(r.out()).contains("method longrecipe: ").contains("anchor rule pos-types")
                .contains("== sample 0").contains("== sample 1").doesNotContain("== sample 2")
                .contains("positions");
    }

    @Test
    void knobsComeFromTheSpecAndItsOverrides(@TempDir Path tmp) throws IOException {
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), "method: flt\ncontextLength: 32\ntargetLength: 128\n");
        Path out = tmp.resolve("samples");

        OneShotCli.Result r = OneShotCli.run("segment", "--corpus", corpus.toString(), "--tokenizer",
                TinyInputs.BPE_2048.toString(), "--out", out.toString(), "--spec", spec.toString(),
                "--set", "segmenter.shardSamples=5");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode manifest = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("builder").asText()).isEqualTo("flt");
        assertThat(manifest.get("positionWindow").asInt()).isEqualTo(128);
        JsonNode stats = Json.MAPPER.readTree(out.resolve("stats.json").toFile());
        assertThat(stats.get("sampleLength").asInt()).isEqualTo(128);              // flt: full L′
        long samples = stats.get("samples").asLong();
        assertThat(manifest.get("shards").size()).isEqualTo((int) ((samples + 4) / 5));
    }

    @Test
    void explainAloneReadsAnExistingOutput(@TempDir Path tmp) {
        Path out = tmp.resolve("samples");
        assertThat(OneShotCli.run("segment", "--corpus", corpus.toString(), "--tokenizer",
                TinyInputs.BPE_2048.toString(), "--context-length", "64", "--out", out.toString()).exitCode()).isZero();

        OneShotCli.Result r = OneShotCli.run("segment", "--tokenizer", TinyInputs.BPE_2048.toString(),
                "--out", out.toString(), "--explain", "1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("builder longrecipe").contains("== sample 0").doesNotContain("== sample 1");
    }

    @Test
    void withoutAnchorsOrReportTheDigitsRuleIsUsedAndSaid(@TempDir Path tmp) {
        OneShotCli.Result r = OneShotCli.run("segment", "--corpus", corpus.toString(), "--tokenizer",
                TinyInputs.BPE_2048.toString(), "--context-length", "64", "--out", tmp.resolve("s").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("'digits' rule");
        assertThat(r.out()).contains("anchor rule digits");
    }

    @Test
    void aPartitionReadsEveryNthDocument(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("part");

        OneShotCli.Result r = OneShotCli.run("segment", "--corpus", corpus.toString(), "--tokenizer",
                TinyInputs.BPE_2048.toString(), "--context-length", "64", "--out", out.toString(),
                "--partition", "1/3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(out.resolve("stats.json").toFile()).get("documentsRead").asLong())
                .isEqualTo(4);
    }

    @Test
    void aBadPartitionSaysWhatIsExpected() {
        assertThatThrownBy(() -> SegmentCommand.partition("3/3")).hasMessageContaining("0 ≤ i < n");
        assertThatThrownBy(() -> SegmentCommand.partition("a/b")).hasMessageContaining("--partition 0/4");
        assertThat(SegmentCommand.partition("2/5")).containsExactly(2, 5);
    }

    @Test
    void aMissingCorpusIsNamedAndNoOutputFolderIsLeft(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope.jsonl");
        Path out = tmp.resolve("samples");

        OneShotCli.Result r = OneShotCli.run("segment", "--corpus", missing.toString(), "--tokenizer",
                TinyInputs.BPE_2048.toString(), "--context-length", "64", "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("corpus (--corpus) does not exist: " + missing).contains("JSONL");
        assertThat(out).doesNotExist();
    }

    @Test
    void withoutTheBaseWindowTheCommandSaysWhereToGiveIt(@TempDir Path tmp) {
        OneShotCli.Result r = OneShotCli.run("segment", "--corpus", corpus.toString(), "--tokenizer",
                TinyInputs.BPE_2048.toString(), "--out", tmp.resolve("s").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--context-length L").contains("--model DIR");
    }

    @Test
    void anchorsAndReportExcludeEachOther(@TempDir Path tmp) {
        OneShotCli.Result r = OneShotCli.run("segment", "--corpus", corpus.toString(), "--tokenizer",
                TinyInputs.BPE_2048.toString(), "--context-length", "64", "--out", tmp.resolve("s").toString(),
                "--anchors", "NUM", "--report", "report.json");

        assertThat(r.exitCode()).isEqualTo(2); // a usage error, reported by picocli
        assertThat(r.err()).contains("mutually exclusive");
    }
}
