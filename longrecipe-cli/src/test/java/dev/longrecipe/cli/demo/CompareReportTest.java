package dev.longrecipe.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.Bucket;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.PerplexityCurve;
import dev.longrecipe.evaluator.results.BenchmarkResults.ShortContextPerplexity;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareReportTest {
    private static final List<Integer> LENGTHS = List.of(256, 512, 1024);

    @TempDir
    Path dir;

    /** niah_single_2 per length, NIAH(M) at 512 and 1024 (it does not fit 256), perplexities. */
    private static ModelResults model(String name, double s256, double s512, double s1024, double m1024,
                                      double shortPpl, double lastPpl) {
        List<TaskScore> tasks = new ArrayList<>();
        double[] single = {s256, s512, s1024};
        for (int i = 0; i < LENGTHS.size(); i++) {
            tasks.add(new TaskScore("niah_single_2", LENGTHS.get(i), single[i], 20, 0, Map.of("essay", single[i])));
        }
        return new ModelResults(name, "/models/" + name, 256, "rope", tasks,
                List.of(new LengthScore(512, 2.5), new LengthScore(1024, m1024)), List.of(), List.of(),
                new PerplexityCurve(1024, 2, List.of(new Bucket(1, 511, 4.0, 70.0), new Bucket(512, 1023, 4.1,
                        lastPpl))), new ShortContextPerplexity(256, 2, 4.0, shortPpl), 0, List.of());
    }

    private static BenchmarkResults run(String id, ModelResults extended) {
        return run(id, extended, 20);
    }

    private static BenchmarkResults run(String id, ModelResults extended, int samplesPerTask) {
        return new BenchmarkResults(2, id, "2026-12-01T00:00:00Z",
                new BenchmarkResults.Settings(LENGTHS, List.of("niah_single_2"), samplesPerTask, 5, 12, 4, 42, "h.txt", "t.json",
                        1, "heldout.jsonl.gz", "held-out text: heldout.jsonl.gz", 256, 1024, samplesPerTask, "RULER@test",
                        Map.of(), Map.of()),
                List.of(), List.of(model("base", 90, 30, 0, 0, 68.9, 106.9), extended,
                        model("replay", 100, 95, 90, 15, 59.5, 57.0), model("merged", 80, 80, 10, 0, 58.1, 60.2)),
                Map.of(), null);
    }

    @Test
    void theBaseComesOnceThenEachMethodsModelsWithTheRunsTokensAndTimesOnItsFirstRow() throws Exception {
        List<CompareReport.Measured> methods = List.of(
                new CompareReport.Measured("longrecipe", "compare-longrecipe", run("compare-longrecipe",
                        model("extended", 100, 100, 95, 16.7, 66.7, 63.2)), 3_929_600,
                        new RunCost.Measured(7080, 5400)),
                new CompareReport.Measured("pose", "compare-pose", run("compare-pose", model("extended", 95, 40, 5, 1.7, 70.1, 90.0)),
                        3_929_600, new RunCost.Measured(3000, 2400)));

        String text = CompareReport.write(dir, methods, List.of("flt", "rpes"));

        assertThat(text.lines().filter(l -> l.startsWith("-") || l.startsWith("longrecipe")
                || l.startsWith("pose"))).hasSize(7);
        assertThat(text).containsPattern("method\\s+model\\s+S@256\\s+S@512\\s+S@1024\\s+M@512\\s+M@1024"
                        + "\\s+ppl short\\s+ppl last\\s+sample tokens\\s+wall min\\s+CPU min")
                .containsPattern("\\n-\\s+base\\s+90\\s+30\\s+0\\s+2\\.5\\s+0\\.0\\s+68\\.9\\s+106\\.9\\n")
                .containsPattern("longrecipe\\s+extended\\s+100\\s+100\\s+95\\s+2\\.5\\s+16\\.7\\s+66\\.7\\s+63\\.2"
                        + "\\s+3\\.93 M\\s+118\\s+90\\n")
                .containsPattern("longrecipe\\s+merged\\s+80\\s+80\\s+10\\s+2\\.5\\s+0\\.0\\s+58\\.1\\s+60\\.2\\n")
                .containsPattern("pose\\s+extended\\s+95\\s+40\\s+5\\s+2\\.5\\s+1\\.7\\s+70\\.1\\s+90\\.0\\s+3\\.93 M"
                        + "\\s+50\\s+40\\n")
                .contains("not finished yet (not in the table): flt, rpes")
                .doesNotContain("!");
        assertThat(Files.readString(dir.resolve("compare.html"))).contains("flt, rpes", "compare.png");
        assertThat(dir.resolve("compare.png")).isNotEmptyFile();
    }

    @Test
    void withNothingFinishedItSaysSoAndDrawsNoChart() throws Exception {
        String text = CompareReport.write(dir, List.of(), List.of("longrecipe", "flt"));

        assertThat(text).contains("(no method has finished yet)",
                "not finished yet (not in the table): longrecipe, flt");
        assertThat(dir.resolve("compare.png")).doesNotExist();
    }

    @Test
    void aRunEvaluatedWithOtherSettingsIsFlaggedWithTheCommandThatReEvaluatesIt() {
        ModelResults extended = model("extended", 100, 100, 95, 16.7, 66.7, 63.2);
        List<CompareReport.Measured> methods = List.of(
                new CompareReport.Measured("longrecipe", "compare-longrecipe", run("a", extended), 1, null),
                new CompareReport.Measured("flt", "compare-flt", run("b", extended, 4), 1, null),
                new CompareReport.Measured("pose", "compare-pose", run("c", extended), 1, null));

        // perplexityTexts follows samplesPerTask (one long and one short window per prompt): one --set fixes both
        assertThat(CompareReport.evaluatedDifferently(methods)).containsExactly("! flt was evaluated with"
                + " samplesPerTask 4 (longrecipe: 20), perplexityTexts 4 (longrecipe: 20): its scores do not compare"
                + " with the others' until it is re-evaluated (./longrecipe rerun compare-flt evaluator --set"
                + " evaluator.samplesPerTask=20 --stop-after)\n");
    }

    @Test
    void aRunWithoutReplayHasNoReplayRow() {
        BenchmarkResults r = run("a", model("extended", 100, 100, 95, 16.7, 66.7, 63.2));
        BenchmarkResults noReplay = new BenchmarkResults(r.formatVersion(), r.runId(), r.createdAt(), r.settings(),
                r.skipped(), r.models().stream().filter(m -> !m.name().equals("replay")).toList(), r.summary(),
                null);

        String table = CompareReport.table(List.of(new CompareReport.Measured("longrecipe", "compare-longrecipe",
                noReplay, 3_929_600, new RunCost.Measured(60, 60))));

        assertThat(table).containsPattern("longrecipe\\s+extended\\s+100.*3\\.93 M")
                .containsPattern("longrecipe\\s+merged\\s+80").doesNotContain("replay");
    }
}
