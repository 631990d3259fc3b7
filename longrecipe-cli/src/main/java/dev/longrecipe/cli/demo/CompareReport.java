package dev.longrecipe.cli.demo;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.cli.run.ReportCommand;
import dev.longrecipe.cli.run.RunClient;
import dev.longrecipe.evaluator.report.ScoreByLengthChart;
import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.ResultsJson;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.SamplesReady;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The paper's Table 1/2 in miniature for {@code demo --compare}: the base model once (the same model and prompts in
 * every run), then per method its extended, replay and merged models' niah_single_2 per length, NIAH(M) per length,
 * perplexity (short texts and the last position bucket of long held-out text), and the run's training-sample tokens,
 * wall and CPU time; as text, and as {@code compare.html} with a chart of niah_single_2 by length of the base and each
 * method's extended model.
 */
final class CompareReport {
    /** The models of each run shown, in order, those the run has (a spec without replay has no replay model). */
    private static final List<String> TRAINED = List.of("extended", "replay", "merged");

    /**
     * One compared method as measured.
     *
     * @param sampleTokens the extension phase's training-sample tokens: steps × batch size × mean sample length
     */
    record Measured(String method, String runId, BenchmarkResults results, double sampleTokens,
                    RunCost.Measured cost) {
    }

    /** Evaluator knobs a spec sets directly, so a differing one can be re-run with {@code --set evaluator.K=V}. */
    private static final List<String> SCALAR_KNOBS = List.of("samplesPerTask", "depths", "maxNewTokens");
    /** Settings that follow a knob: the evaluator draws one perplexity window per prompt of a task. */
    private static final Map<String, String> FOLLOWS = Map.of("perplexityTexts", "samplesPerTask");

    private CompareReport() {
    }

    /** A finished method's measurements: its report (fetched), its segmenter's sample statistics, its ledger entry. */
    static Measured gather(RunClient client, Platform platform, String method, String runId, CompareLedger ledger)
            throws IOException {
        Path html = ReportCommand.fetch(client, platform, runId);
        return new Measured(method, runId, ResultsJson.read(html.resolveSibling("results.json")),
                trainingTokens(client, runId), ledger.get(method));
    }

    /**
     * Writes {@code compare.html} and {@code compare.png} into {@code dir} and returns the table as text.
     *
     * @param notFinished methods without a finished evaluation yet, named under the table
     */
    static String write(Path dir, List<Measured> methods, List<String> notFinished) throws IOException {
        String table = table(methods);
        String missing = String.join("", evaluatedDifferently(methods)) + (notFinished.isEmpty() ? ""
                : "not finished yet (not in the table): " + String.join(", ", notFinished) + "\n");
        Files.createDirectories(dir);
        if (!methods.isEmpty()) {
            List<ModelResults> chart = new ArrayList<>();
            ModelResults base = model(methods.get(0).results(), "base");
            chart.add(withoutNiahM(base, "base"));
            methods.forEach(m -> chart.add(withoutNiahM(model(m.results(), "extended"), m.method())));
            ScoreByLengthChart.render(chart, base.maxPositionEmbeddings(), dir.resolve("compare.png"));
        }
        Files.writeString(dir.resolve("compare.html"), "<!doctype html><meta charset=utf-8><title>LongRecipe demo:"
                + " methods compared</title><body style='font-family:sans-serif;max-width:1100px'>"
                + "<h1>Methods compared (demo --compare)</h1><p>niah_single_2 (RULER string_match_all ×100) and"
                + " NIAH(M) per prompt length of the base model and of each method's models: extended (after the"
                + " extension phase), replay (after pretraining-data replay) and merged; perplexity on held-out KJV"
                + " text (short texts, and the last position bucket of long texts); training-sample tokens of the"
                + " extension phase; wall and CPU time of the whole run (analysis to report). Measured by this"
                + " project's stages on this machine; the chart shows niah_single_2 of the base and the extended"
                + " models.</p><pre>" + escape(table + missing) + "</pre>"
                + (methods.isEmpty() ? "" : "<img src='compare.png' alt='niah_single_2 by length per method'>")
                + "</body>");
        return "== comparison (" + dir.resolve("compare.html") + ")\n" + table + missing;
    }

    /** Base first, then a row per method and model; the run's tokens and times on its first row. */
    static String table(List<Measured> methods) {
        if (methods.isEmpty()) {
            return "(no method has finished yet)\n";
        }
        List<Integer> lengths = methods.get(0).results().settings().lengths();
        List<Integer> niahMLengths = lengths.stream().filter(l -> methods.stream()
                .flatMap(m -> m.results().models().stream()).anyMatch(model -> model.niahM().stream()
                        .anyMatch(s -> s.length() == l))).toList();
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("method", "model"));
        lengths.forEach(l -> header.add("S@" + l));
        niahMLengths.forEach(l -> header.add("M@" + l));
        header.addAll(List.of("ppl short", "ppl last", "sample tokens", "wall min", "CPU min"));
        rows.add(header.toArray(String[]::new));
        rows.add(row("-", model(methods.get(0).results(), "base"), lengths, niahMLengths, null));
        for (Measured m : methods) {
            List<ModelResults> trained = TRAINED.stream().flatMap(name -> m.results().models().stream()
                    .filter(model -> model.name().equals(name))).toList(); // no replay model without replay
            for (ModelResults model : trained) {
                rows.add(row(m.method(), model, lengths, niahMLengths, model == trained.get(0) ? m : null));
            }
        }
        return align(rows) + "S: niah_single_2; M: NIAH(M), the paper's mean of multikey, multivalue and multiquery"
                + " (at the lengths where all fit)\nppl last: perplexity of the last position bucket of long texts\n";
    }

    /**
     * A line per method evaluated with other settings than the first (a run submitted before compare.yaml changed):
     * its scores do not compare, and the line says how to re-evaluate it.
     */
    static List<String> evaluatedDifferently(List<Measured> methods) {
        List<String> lines = new ArrayList<>();
        if (methods.isEmpty()) {
            return lines;
        }
        Measured first = methods.get(0);
        Map<String, Object> expected = comparableSettings(first.results().settings());
        for (Measured m : methods.subList(1, methods.size())) {
            Map<String, Object> actual = comparableSettings(m.results().settings());
            List<String> differences = new ArrayList<>();
            List<String> sets = new ArrayList<>();
            List<String> unfixable = new ArrayList<>(); // no --set reaches it: a path, a version, a list
            expected.forEach((knob, value) -> {
                if (!Objects.equals(value, actual.get(knob))) {
                    differences.add(knob + " " + actual.get(knob) + " (" + first.method() + ": " + value + ")");
                    if (SCALAR_KNOBS.contains(knob)) {
                        sets.add(" --set evaluator." + knob + "=" + value);
                    } else if (!FOLLOWS.containsKey(knob)
                            || Objects.equals(expected.get(FOLLOWS.get(knob)), actual.get(FOLLOWS.get(knob)))) {
                        unfixable.add(knob); // not a knob, nor following one that differs too
                    }
                }
            });
            if (!differences.isEmpty()) {
                lines.add("! " + m.method() + " was evaluated with " + String.join(", ", differences)
                        + ": its scores do not compare with the others' until it is re-evaluated"
                        + (unfixable.isEmpty() ? " (./longrecipe rerun " + m.runId() + " evaluator"
                        + String.join("", sets) + " --stop-after)" : "") + "\n");
            }
        }
        return lines;
    }

    /** The evaluation settings two runs' scores need in common (file paths differ per run and are left out). */
    private static Map<String, Object> comparableSettings(BenchmarkResults.Settings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lengths", s.lengths());
        m.put("tasks", s.tasks());
        m.put("samplesPerTask", s.samplesPerTask());
        m.put("depths", s.depths());
        m.put("maxNewTokens", s.maxNewTokens());
        m.put("seed", s.seed());
        m.put("perplexityText", s.perplexityText());
        m.put("perplexityTexts", s.perplexityTexts());
        m.put("rulerVersion", s.rulerVersion());
        return m;
    }

    private static String[] row(String method, ModelResults model, List<Integer> lengths, List<Integer> niahMLengths,
                                Measured run) {
        List<String> row = new ArrayList<>(List.of(method, model.name()));
        for (int len : lengths) {
            Double single = DemoCommand.single(model, len);
            row.add(single == null ? "-" : String.format(Locale.ROOT, "%.0f", single));
        }
        for (int len : niahMLengths) {
            row.add(model.niahM().stream().filter(s -> s.length() == len).findFirst().map(LengthScore::score)
                    .map(s -> String.format(Locale.ROOT, "%.1f", s)).orElse("-"));
        }
        List<BenchmarkResults.Bucket> buckets = model.perplexity().buckets();
        row.add(String.format(Locale.ROOT, "%.1f", model.shortContext().perplexity()));
        row.add(buckets.isEmpty() ? "-"
                : String.format(Locale.ROOT, "%.1f", buckets.get(buckets.size() - 1).perplexity()));
        if (run == null) {
            row.addAll(List.of("", "", ""));
        } else {
            row.add(String.format(Locale.ROOT, "%.2f M", run.sampleTokens() / 1e6));
            row.add(String.format(Locale.ROOT, "%.0f", run.cost().wallSeconds() / 60));
            row.add(String.format(Locale.ROOT, "%.0f", run.cost().cpuSeconds() / 60));
        }
        return row.toArray(String[]::new);
    }

    private static ModelResults model(BenchmarkResults r, String name) {
        return r.models().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("results of " + r.runId() + " have no " + name
                        + " model"));
    }

    /** The model under another name, its niah_single_2 only (one line per model in the chart). */
    private static ModelResults withoutNiahM(ModelResults m, String name) {
        return new ModelResults(name, m.source(), m.maxPositionEmbeddings(), m.rope(), m.tasks(), List.of(),
                List.of(), m.depthGrids(), m.perplexity(), m.shortContext(), m.emptyOutputs(), List.of());
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

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
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
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c < 2 ? String.format("%-" + width[c] + "s  ", row[c])
                        : String.format("%" + width[c] + "s  ", row[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
