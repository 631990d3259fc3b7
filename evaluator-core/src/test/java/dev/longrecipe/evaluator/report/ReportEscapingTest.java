package dev.longrecipe.evaluator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.Bucket;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.PerplexityCurve;
import dev.longrecipe.evaluator.results.BenchmarkResults.SampleOutcome;
import dev.longrecipe.evaluator.results.BenchmarkResults.Settings;
import dev.longrecipe.evaluator.results.BenchmarkResults.ShortContextPerplexity;
import dev.longrecipe.evaluator.results.BenchmarkResults.SkippedTask;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings that came from a corpus (prompt tails, answers), a model (its outputs, its name and source) or a spec
 * (run id, corpus names, the spec itself, upstream stats) appear escaped in report.html: none can inject markup.
 */
class ReportEscapingTest {
    private static final String EVIL = "<script>alert(1)</script>";
    private static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

    @TempDir
    Path tmp;

    @Test
    void everyStringFromACorpusAModelOrASpecIsEscaped() throws IOException {
        String task = "niah_single_2";
        Settings settings = new Settings(List.of(64, 128), List.of(task), 1, 2, null, 2, 1, "haystack" + EVIL,
                "tokenizer" + EVIL, 1, "ppl" + EVIL, "held-out text: " + EVIL, 64, 128, 1, "ruler" + EVIL,
                Map.of(task, 16), Map.of(task, List.of("deviation " + EVIL)));
        SampleOutcome failed = new SampleOutcome(task, "variant" + EVIL, 128, "sample" + EVIL, List.of(0.5), 120,
                List.of("expected" + EVIL), "answer " + EVIL, "EOS" + EVIL, 0.0, "prompt tail " + EVIL);
        ModelResults model = new ModelResults("model " + EVIL, "s3://longrecipe/" + EVIL, 128, "rope " + EVIL,
                List.of(new TaskScore(task, 64, 100, 1, 0, Map.of("kjv" + EVIL, 100.0)),
                        new TaskScore(task, 128, 0, 1, 0, Map.of())),
                List.of(new LengthScore(64, 100), new LengthScore(128, 0)),
                List.of(new LengthScore(64, 100), new LengthScore(128, 0)), List.of(),
                new PerplexityCurve(128, 1, List.of(new Bucket(0, 63, 1.0, 2.7), new Bucket(64, 127, 1.2, 3.3))),
                new ShortContextPerplexity(64, 1, 1.0, 2.7), 1, List.of(failed));
        BenchmarkResults results = new BenchmarkResults(BenchmarkResults.FORMAT_VERSION, "run" + EVIL,
                "2026-01-01T00:00:00Z" + EVIL, settings, List.of(new SkippedTask("qa_1", 64, "reason " + EVIL, 90)),
                List.of(model), Map.of(), null);
        Path stats = Files.writeString(tmp.resolve("stats.json"), "{\"note" + EVIL + "\": \"" + EVIL.replace("/",
                "\\/") + "\"}");
        ReportSources sources = new ReportSources("{\"corpus\": \"" + EVIL.replace("/", "\\/") + "\"}",
                Map.of("stage" + EVIL, 1), null, stats, null);

        RunReport.Written written = RunReport.write(results, sources, tmp.resolve("out"));
        String html = Files.readString(written.html());

        assertThat(html).doesNotContain("<script").contains("answer " + ESCAPED).contains("prompt tail " + ESCAPED)
                .contains("model " + ESCAPED).contains("run" + ESCAPED).contains("stage" + ESCAPED)
                .contains("reason " + ESCAPED).contains("deviation " + ESCAPED);
    }
}
