package dev.longrecipe.cli.demo;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.cli.run.RunClient;
import dev.longrecipe.evaluator.report.ScoreByLengthChart;
import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.ResultsJson;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.SamplesReady;
import dev.longrecipe.schema.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's Table 1/2 in miniature for {@code demo --compare}: per method, the extended and merged models'
 * niah_single_2 per length, the extended model's perplexity (short texts and the last position bucket of long
 * held-out text), the training-sample tokens, wall and CPU time; as text, and as {@code compare.html} with a chart of
 * the extended models' niah_single_2 by length under {@code .stack/reports/compare/}.
 */
final class CompareReport {
    private CompareReport() {
    }

    static String write(RunClient client, Platform platform, Map<String, String> runs, CompareLedger ledger)
            throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<ModelResults> extendedByMethod = new ArrayList<>();
        List<Integer> lengths = null;
        for (Map.Entry<String, String> run : runs.entrySet()) {
            String method = run.getKey();
            BenchmarkResults r = ResultsJson.read(platform.root().resolve("reports").resolve(run.getValue())
                    .resolve("results.json"));
            lengths = r.settings().lengths();
            ModelResults extended = model(r, "extended");
            extendedByMethod.add(new ModelResults(method, extended.source(), extended.maxPositionEmbeddings(),
                    extended.rope(), extended.tasks(), List.of(), List.of(), extended.depthGrids(),
                    extended.perplexity(), extended.shortContext(), extended.emptyOutputs(), List.of()));
            List<String> row = new ArrayList<>(List.of(method));
            for (String name : List.of("extended", "merged")) {
                for (int len : lengths) {
                    Double s = DemoCommand.single(r, name, len);
                    row.add(s == null ? "-" : String.format(Locale.ROOT, "%.0f", s));
                }
            }
            List<BenchmarkResults.Bucket> buckets = extended.perplexity().buckets();
            row.add(String.format(Locale.ROOT, "%.1f", extended.shortContext().perplexity()));
            row.add(String.format(Locale.ROOT, "%.1f", buckets.get(buckets.size() - 1).perplexity()));
            row.add(String.format(Locale.ROOT, "%.2f M", trainingTokens(client, run.getValue()) / 1e6));
            RunCost.Measured cost = ledger.get(method);
            row.add(String.format(Locale.ROOT, "%.0f", cost.wallSeconds() / 60));
            row.add(String.format(Locale.ROOT, "%.0f", cost.cpuSeconds() / 60));
            rows.add(row.toArray(String[]::new));
        }
        List<String> header = new ArrayList<>(List.of("method"));
        for (String name : List.of("ext", "merged")) {
            lengths.forEach(l -> header.add(name + "@" + l));
        }
        header.addAll(List.of("ppl short", "ppl last", "sample tokens", "wall min", "CPU min"));
        rows.add(0, header.toArray(String[]::new));

        String table = align(rows);
        Path dir = platform.root().resolve("reports/compare");
        Files.createDirectories(dir);
        ScoreByLengthChart.render(extendedByMethod, dir.resolve("compare.png"));
        Files.writeString(dir.resolve("compare.html"), "<!doctype html><meta charset=utf-8><title>LongRecipe demo:"
                + " methods compared</title><body style='font-family:sans-serif;max-width:1000px'>"
                + "<h1>Methods compared (demo --compare)</h1><p>niah_single_2 (RULER string_match_all ×100) of the"
                + " extended model (\"ext\", after the extension phase) and the merged model per prompt length;"
                + " perplexity of the extended model on held-out KJV text (short texts, and the last position bucket"
                + " of long texts); training-sample tokens of the extension phase; wall and CPU time of the whole run"
                + " (analysis to report). Measured by this project's stages on this machine.</p><pre>"
                + table.replace("&", "&amp;").replace("<", "&lt;") + "</pre><img src='compare.png' alt='niah_single_2"
                + " by length per method'></body>");
        return "== comparison (" + dir.resolve("compare.html") + ")\n" + table;
    }

    private static ModelResults model(BenchmarkResults r, String name) {
        return r.models().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("results of " + r.runId() + " have no " + name
                        + " model"));
    }

    /** Extension-phase tokens: steps × batch size × the mean sample length the segmenter reported. */
    private static double trainingTokens(RunClient client, String runId) {
        int attempt = client.latestCompleted(runId, Stage.SEGMENTER).orElseThrow();
        SamplesReady samples = Events.<SamplesReady>parse(Topics.SAMPLES_READY,
                client.store().getText(ObjectKeys.completed(runId, Stage.SEGMENTER, attempt))).payload();
        RunSpec spec = RunSpecs.parse(client.store().getText(ObjectKeys.spec(runId)));
        double meanLength = samples.samples() == 0 ? 0 : (double) samples.tokens() / samples.samples();
        return spec.trainer().extension().steps() * (double) spec.trainer().extension().batchSize() * meanLength;
    }

    private static String align(List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                out.append(c == 0 ? String.format("%-" + width[c] + "s", row[c])
                        : String.format("  %" + width[c] + "s", row[c]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
