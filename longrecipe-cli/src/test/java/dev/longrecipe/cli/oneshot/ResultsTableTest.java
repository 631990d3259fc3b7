package dev.longrecipe.cli.oneshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.Bucket;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.PerplexityCurve;
import dev.longrecipe.evaluator.results.BenchmarkResults.ShortContextPerplexity;
import dev.longrecipe.evaluator.results.BenchmarkResults.SkippedTask;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
    private static ModelResults model(String name, double single256) {
        List<TaskScore> tasks = new ArrayList<>();
        tasks.add(new TaskScore("niah_single_2", 256, single256, 4, 0, Map.of("essay", single256)));
        tasks.add(new TaskScore("niah_single_2", 1024, 0, 4, 0, Map.of("essay", 0.0)));
        tasks.add(new TaskScore("niah_multivalue", 256, 25, 2, 0, Map.of("essay", 25.0)));
        for (String t : List.of("niah_multikey_1", "niah_multivalue", "niah_multiquery")) {
            tasks.add(new TaskScore(t, 1024, 50, 2, 0, Map.of("essay", 50.0)));
        }
        return new ModelResults(name, "/models/" + name, 256, "default θ=10000.0", tasks,
                List.of(new LengthScore(1024, 50)), List.of(new LengthScore(256, single256 / 2),
                        new LengthScore(1024, 40)), List.of(),
                new PerplexityCurve(1024, 2, List.of(new Bucket(1, 1023, 3.0, 20.1))),
                new ShortContextPerplexity(256, 2, 2.9, 18.2), 0, List.of());
    }

    @Test
    void everyModelIsARowBlockAndATaskThatDidNotFitIsNotApplicableWithTheReasonBelow() {
        BenchmarkResults r = new BenchmarkResults(1, "r", "2026-01-01T00:00:00Z",
                new BenchmarkResults.Settings(List.of(256, 1024), List.of("niah_single_2", "niah_multikey_1",
                        "niah_multivalue", "niah_multiquery"), 2, 2, 12, 1, 42, "h.txt", "t.json", 1,
                        "/data/heldout.txt.gz", "held-out text: heldout.txt.gz", 256, 1024, 2, "RULER@test",
                        Map.of(), Map.of()),
                List.of(new SkippedTask("niah_multikey_1", 256, "the prompt does not fit", 376),
                        new SkippedTask("niah_multiquery", 256, "the prompt does not fit", 260)),
                List.of(model("base", 96.9), model("extended", 100), model("replay", 100), model("merged", 97)),
                Map.of(), null);

        String table = ResultsTable.format(r);
        assertThat(table).containsPattern("base\\s+niah_single_2\\s+96\\.9\\s+0\\.0")
                .containsPattern("replay\\s+niah_single_2\\s+100\\.0\\s+0\\.0")
                .containsPattern("merged\\s+niah_multikey_1\\s+n/a\\s+50\\.0")
                .containsPattern("replay\\s+NIAH\\(M\\)\\s+n/a\\s+50\\.0")
                .containsPattern("base\\s+niah_multivalue\\s+25\\.0\\s+50\\.0")
                .containsPattern("extended\\s+RULER avg\\s+50\\.0\\s+40\\.0")
                .contains("n/a: not run at that length, the prompt does not fit it",
                        "niah_multikey_1 @256: needs at least 376 tokens", "niah_multiquery @256: needs at least 260",
                        "perplexity on held-out text: heldout.txt.gz (short texts of 256 tokens");
        assertThat(table.lines().filter(l -> l.contains("niah_single_2")).count()).isEqualTo(4);
    }

    @Test
    void aMergeSweepIsListedByLambdaWithThePick() {
        var sweep = new dev.longrecipe.evaluator.results.MergeSweep("rule", 1024, 0.05, 18.2, List.of(
                new dev.longrecipe.evaluator.results.MergeSweep.Point(0.25, "sweep-0.25", Map.of(256, 100.0,
                        1024, 80.0), 20.0, false),
                new dev.longrecipe.evaluator.results.MergeSweep.Point(0.5, "merged", Map.of(256, 100.0, 1024, 40.0),
                        18.5, true)), 0.5, "λ_base = 0.5: NIAH 40.0 at 1024 tokens, short-text perplexity 18.50");
        BenchmarkResults r = new BenchmarkResults(1, "r", "2026-01-01T00:00:00Z",
                new BenchmarkResults.Settings(List.of(256, 1024), List.of("niah_single_2"), 2, 2, 12, 1, 42, "h.txt",
                        "t.json", 1, "/data/heldout.txt.gz", "held-out text: heldout.txt.gz", 256, 1024, 2,
                        "RULER@test", Map.of(), Map.of()),
                List.of(), List.of(model("base", 96.9), model("merged", 97), model("sweep-0.25", 100)), Map.of(),
                sweep);
        String table = ResultsTable.format(r);
        assertThat(table).containsPattern("λ_base 0.25\\s+sweep-0.25\\s+256:\\s+100.0\\s+1024:\\s+80.0\\s+short ppl"
                + " 20.00\\s+\\(above the bound\\)")
                .contains("pick: λ_base = 0.5: NIAH 40.0 at 1024 tokens");
    }
}
