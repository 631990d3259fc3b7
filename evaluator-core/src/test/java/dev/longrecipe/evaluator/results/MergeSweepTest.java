package dev.longrecipe.evaluator.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longrecipe.evaluator.report.ReportSources;
import dev.longrecipe.evaluator.report.RunReport;
import dev.longrecipe.evaluator.results.BenchmarkResults.Bucket;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.PerplexityCurve;
import dev.longrecipe.evaluator.results.BenchmarkResults.ShortContextPerplexity;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's trade-off table and the rule that picks λ_base, on hand-made results. */
class MergeSweepTest {

    /** A model scoring {@code single} on niah_single_2 and {@code multi} on niah_multikey_1 at 1024, 100 at 256. */
    private static ModelResults model(String name, double single, double multi, double shortPpl) {
        List<TaskScore> tasks = List.of(
                new TaskScore("niah_single_2", 256, 100, 4, 0, Map.of()),
                new TaskScore("niah_single_2", 1024, single, 4, 0, Map.of()),
                new TaskScore("niah_multikey_1", 1024, multi, 4, 0, Map.of()),
                new TaskScore("vt", 1024, 0, 4, 0, Map.of())); // not a needle task: not in NIAH
        return new ModelResults(name, "/m/" + name, 256, "default", tasks, List.of(), List.of(new LengthScore(1024,
                single)), List.of(), new PerplexityCurve(1024, 1, List.of(new Bucket(1, 1023, 3, 20))),
                new ShortContextPerplexity(256, 1, Math.log(shortPpl), shortPpl), 0, List.of());
    }

    private static final List<ModelResults> MODELS = List.of(
            model("base", 0, 0, 50.0),
            model("extended", 100, 80, 60.0),
            model("sweep-0", 90, 70, 56.0), //    NIAH@1024 80,  ppl +12 %
            model("sweep-0.25", 80, 60, 52.0), // NIAH@1024 70,  ppl +4 %  ← within 5 %, best
            model("merged", 40, 20, 51.0), //    λ 0.5: NIAH 30, ppl +2 %
            model("sweep-1", 0, 0, 50.0)); //    the base itself

    private static MergeSweep.Request request(double rise) {
        Map<String, Double> lambdas = new LinkedHashMap<>();
        lambdas.put("sweep-0", 0.0);
        lambdas.put("sweep-0.25", 0.25);
        lambdas.put("merged", 0.5);
        lambdas.put("sweep-1", 1.0);
        return new MergeSweep.Request(lambdas, rise);
    }

    @Test
    void theRulePicksTheBestRetrievalWhosePerplexityStaysWithinTheBound() {
        MergeSweep sweep = MergeSweep.of(MODELS, request(0.05), 1024);
        assertThat(sweep.points()).extracting(MergeSweep.Point::lambdaBase).containsExactly(0.0, 0.25, 0.5, 1.0);
        assertThat(sweep.points().get(1).niah()).containsEntry(256, 100.0).containsEntry(1024, 70.0);
        assertThat(sweep.points()).extracting(MergeSweep.Point::withinPerplexity)
                .containsExactly(false, true, true, true);
        assertThat(sweep.niahLength()).isEqualTo(1024);
        assertThat(sweep.pick()).isEqualTo(0.25);
        assertThat(sweep.pickReason()).contains("λ_base = 0.25", "NIAH 70.0 at 1024");
        assertThat(MergeSweep.of(MODELS, request(0.2), 1024).pick()).isEqualTo(0.0); // a looser bound
    }

    @Test
    void noPickWhenNothingKeepsPerplexityAndTiesGoToTheLargerLambda() {
        List<ModelResults> worse = List.of(model("base", 0, 0, 10.0), model("sweep-0", 90, 70, 56.0),
                model("sweep-0.25", 80, 60, 52.0));
        MergeSweep none = MergeSweep.of(worse, new MergeSweep.Request(Map.of("sweep-0", 0.0, "sweep-0.25", 0.25),
                0.05), 1024);
        assertThat(none.pick()).isNull();
        assertThat(none.pickReason()).contains("no merged model keeps short-text perplexity", "sweepMaxPerplexityRise");
        List<ModelResults> tied = List.of(model("base", 0, 0, 50.0), model("a", 50, 50, 50.0), model("b", 50, 50,
                50.0));
        assertThat(MergeSweep.of(tied, new MergeSweep.Request(Map.of("a", 0.25, "b", 0.75), 0.05), 1024).pick())
                .isEqualTo(0.75);
        assertThat(MergeSweep.of(tied, new MergeSweep.Request(Map.of("a", 0.25), 0.05), 4096).niahLength())
                .as("L′ not evaluated: the longest length evaluated").isEqualTo(1024);
        assertThatThrownBy(() -> MergeSweep.of(List.of(model("a", 1, 1, 1)), new MergeSweep.Request(Map.of("a", 0.5),
                0.05), 1024)).hasMessageContaining("keep base in evaluator.models");
    }

    @Test
    void theReportShowsTheTradeOffChartTableAndPick(@TempDir Path tmp) throws IOException {
        BenchmarkResults.Settings settings = new BenchmarkResults.Settings(List.of(256, 1024),
                List.of("niah_single_2", "niah_multikey_1", "vt"), 4, 2, null, 1, 1, "h", "t", 1, "p", "held-out text: p",
                256, 1024, 1, "ruler", Map.of(), Map.of());
        MergeSweep sweep = MergeSweep.of(MODELS, request(0.05), 1024);
        BenchmarkResults r = new BenchmarkResults(BenchmarkResults.FORMAT_VERSION, "run-1", "now", settings, List.of(),
                MODELS, Map.of(), sweep);
        RunReport.Written written = RunReport.write(r, ReportSources.none(), tmp);
        String html = Files.readString(written.html());
        assertThat(html).contains("<h2>Merge sweep</h2>", "Pick: λ_base = 0.25", "alt=\"merge sweep\"", "NIAH 1024",
                "prune-sweep");
        assertThat(written.charts()).anyMatch(p -> p.getFileName().toString().equals("merge-sweep.png"));
        assertThat(tmp.resolve("charts/merge-sweep.png")).isNotEmptyFile();
        Path json = tmp.resolve("results.json");
        ResultsJson.write(r, json);
        assertThat(ResultsJson.read(json).mergeSweep()).isEqualTo(sweep);
    }
}
