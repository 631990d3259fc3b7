package dev.longrecipe.evaluator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.MergeSweep;
import dev.longrecipe.evaluator.results.BenchmarkResults.Bucket;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.SampleOutcome;
import dev.longrecipe.evaluator.results.BenchmarkResults.SkippedTask;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import dev.longrecipe.evaluator.task.BenchmarkTasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the charts (PNG) and report.html of an evaluation: one self-contained page with the results first, then
 * whatever upstream artifacts exist (run spec, lineage, analysis chart, segmenter statistics, training curves).
 */
public final class RunReport {
    public static final String HTML = "report.html";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A score that was not measured (its task did not run at that length; see the notes under the summary). */
    private static final String NOT_RUN = "n/a";

    private RunReport() {
    }

    /** Paths written, all inside the output folder. */
    public record Written(Path html, List<Path> charts) {
        public Written {
            charts = List.copyOf(charts);
        }
    }

    public static Written write(BenchmarkResults results, ReportSources sources, Path outDir) {
        try {
            Path chartDir = Files.createDirectories(outDir.resolve("charts"));
            List<Path> charts = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            body.append("<h1>LongRecipe evaluation").append(results.runId() == null ? ""
                    : " — run " + Html.esc(results.runId())).append("</h1>");
            body.append("<p class=\"meta\">").append(Html.esc(results.createdAt())).append(" · results.json format v")
                    .append(results.formatVersion()).append("</p>");

            // results
            body.append("<h2>Summary</h2>").append(story(results)).append(summaryTable(results))
                    .append(skippedNotes(results)).append(warnings(results));
            body.append(rulerTable(results));
            body.append(heatmaps(results, chartDir, charts));
            int window = results.settings().shortContextLength();
            Path byLength = ScoreByLengthChart.render(results.models(), window,
                    chartDir.resolve("score-by-length.png"));
            String pplText = results.settings().perplexityText();
            Path ppl = PerplexityChart.render(results.models(), pplText, window,
                    chartDir.resolve("perplexity-by-position.png"));
            charts.add(byLength);
            charts.add(ppl);
            body.append("<h2>Needle retrieval by length</h2>").append(Html.img(byLength, "score by length"));
            body.append("<h2>Perplexity by position</h2>");
            if (pplText != null) {
                body.append("<p>Measured on ").append(Html.esc(pplText)).append(": ")
                        .append(results.settings().perplexityTexts()).append(" texts of ")
                        .append(results.settings().perplexityLength()).append(" tokens (by position bucket) and of ")
                        .append(results.settings().shortContextLength()).append(" tokens (short context).</p>");
            }
            body.append(Html.img(ppl, "perplexity by position")).append(perplexityTable(results));
            body.append(mergeSweep(results.mergeSweep(), chartDir, charts));
            for (ModelResults m : results.models()) {
                body.append("<h2>Model: ").append(Html.esc(m.name())).append("</h2><p class=\"meta\">")
                        .append(Html.esc(m.source())).append(" · max_position_embeddings ")
                        .append(m.maxPositionEmbeddings()).append(" · RoPE ").append(Html.esc(m.rope())).append("</p>");
                body.append(taskTable(results, m)).append(failedAnswers(m)).append(samplesTable(m));
            }

            // upstream artifacts, when present
            body.append(upstream(sources, chartDir, charts));
            body.append("<h2>Settings</h2>").append(settingsTable(results.settings()));

            Path html = outDir.resolve(HTML);
            Files.writeString(html, page("LongRecipe evaluation " + (results.runId() == null ? "" : results.runId()),
                    body.toString()), StandardCharsets.UTF_8);
            return new Written(html, charts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** The merge sweep's trade-off: chart, table (one row per λ_base) and the rule's pick. */
    private static String mergeSweep(MergeSweep sweep, Path chartDir, List<Path> charts) {
        if (sweep == null) {
            return "";
        }
        Path chart = MergeSweepChart.render(sweep, chartDir.resolve("merge-sweep.png"));
        charts.add(chart);
        java.util.TreeSet<Integer> lengths = new java.util.TreeSet<>();
        sweep.points().forEach(p -> lengths.addAll(p.niah().keySet()));
        List<String> header = new ArrayList<>(List.of("λ_base", "model"));
        lengths.forEach(l -> header.add("NIAH " + l));
        header.addAll(List.of("short-text ppl", "within bound", "picked"));
        List<List<String>> rows = new ArrayList<>();
        for (MergeSweep.Point p : sweep.points()) {
            List<String> row = new ArrayList<>(List.of(MergeSweep.fmt(p.lambdaBase()), p.model()));
            lengths.forEach(l -> row.add(p.niah().containsKey(l) ? Html.num(p.niah().get(l)) : NOT_RUN));
            row.add(Html.num(p.shortPerplexity()));
            row.add(p.withinPerplexity() ? "yes" : "no");
            row.add(sweep.pick() != null && sweep.pick() == p.lambdaBase() ? "✔" : "");
            rows.add(row);
        }
        return "<h2>Merge sweep</h2><p>One merged model per λ_base (merger.sweep), evaluated like the others. NIAH is"
                + " the mean score of the needle tasks at a length. Rule (merger.sweepMaxPerplexityRise): "
                + Html.esc(sweep.rule()) + ".</p><p><b>Pick: " + Html.esc(sweep.pickReason()) + "</b></p>"
                + Html.img(chart, "merge sweep") + Html.table(header, rows)
                + "<p class=\"meta\">Each λ_base is a full model in storage; `./longrecipe prune-sweep RUN` deletes"
                + " the sweep's models except the picked one once you have read this.</p>";
    }

    /** One paragraph that says what the lengths mean: inside the base window, and beyond it. */
    private static String story(BenchmarkResults r) {
        int window = r.settings().shortContextLength();
        List<Integer> beyond = r.settings().lengths().stream().filter(l -> l > window).toList();
        StringBuilder b = new StringBuilder("<p>");
        b.append("The base model was trained on windows of ").append(window).append(" tokens (L)");
        if (!beyond.isEmpty()) {
            b.append("; prompts of ").append(Html.esc(join(beyond))).append(" tokens are beyond it, where only a model"
                    + " whose context was extended can retrieve the needles");
        }
        b.append(". Scores are RULER's metrics ×100 (string_match_all; string_match_part for qa)");
        if (r.settings().bosTokenId() != null) {
            b.append("; every prompt starts with the models' BOS token (id ").append(r.settings().bosTokenId())
                    .append(")");
        }
        return b.append(".</p>").toString();
    }

    private static String join(List<Integer> lengths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lengths.size(); i++) {
            b.append(i == 0 ? "" : i == lengths.size() - 1 ? " and " : ", ").append(lengths.get(i));
        }
        return b.toString();
    }

    private static String summaryTable(BenchmarkResults r) {
        List<Integer> lengths = r.settings().lengths();
        boolean single = r.settings().tasks().contains(BenchmarkTasks.HEADLINE_SINGLE);
        boolean multi = r.settings().tasks().stream().anyMatch(BenchmarkTasks.MULTI_NEEDLE::contains);
        List<String> header = new ArrayList<>(List.of("model"));
        if (single) {
            lengths.forEach(l -> header.add(BenchmarkTasks.HEADLINE_SINGLE + " @" + l));
        }
        if (multi) {
            lengths.forEach(l -> header.add("NIAH(M) @" + l));
            header.add("NIAH(M) mean");
        }
        lengths.forEach(l -> header.add("RULER avg @" + l));
        header.addAll(List.of("short-context ppl", "last-bucket ppl", "empty answers"));
        List<List<String>> rows = new ArrayList<>();
        for (ModelResults m : r.models()) {
            List<String> row = new ArrayList<>(List.of("<b>" + Html.esc(m.name()) + "</b>"));
            if (single) {
                for (int l : lengths) {
                    row.add(m.tasks().stream().filter(t -> t.task().equals(BenchmarkTasks.HEADLINE_SINGLE) && t.length() == l)
                            .findFirst().map(t -> Html.num(t.score())).orElse(NOT_RUN));
                }
            }
            if (multi) {
                for (int l : lengths) {
                    row.add(m.niahM().stream().filter(s -> s.length() == l).findFirst().map(s -> Html.num(s.score()))
                            .orElse(NOT_RUN));
                }
                row.add(value(r.summary(), m.name() + ".niah_m"));
            }
            for (int l : lengths) {
                row.add(m.rulerAverage().stream().filter(s -> s.length() == l).findFirst()
                        .map(s -> Html.num(s.score())).orElse(NOT_RUN));
            }
            row.add(Html.num(m.shortContext().perplexity()));
            List<Bucket> b = m.perplexity().buckets();
            row.add(Html.num(b.get(b.size() - 1).perplexity()));
            row.add(m.emptyOutputs() + " / " + m.samples().size());
            rows.add(row);
        }
        return Html.table(header, rows) + "<p class=\"note\">RULER avg: the mean score of the tasks run at that"
                + " length (" + Html.esc(String.join(", ", r.settings().tasks())) + ").</p>";
    }

    /** RULER's own table: one row per model and task, one column per length, and the average row per model. */
    private static String rulerTable(BenchmarkResults r) {
        List<Integer> lengths = r.settings().lengths();
        List<String> header = new ArrayList<>(List.of("model", "task"));
        lengths.forEach(l -> header.add(String.valueOf(l)));
        List<List<String>> rows = new ArrayList<>();
        for (ModelResults m : r.models()) {
            for (String task : r.settings().tasks()) {
                List<String> row = new ArrayList<>(List.of(Html.esc(m.name()), Html.esc(task)));
                for (int l : lengths) {
                    row.add(m.tasks().stream().filter(t -> t.task().equals(task) && t.length() == l).findFirst()
                            .map(t -> Html.num(t.score())).orElse(NOT_RUN));
                }
                rows.add(row);
            }
            List<String> avg = new ArrayList<>(List.of("<b>" + Html.esc(m.name()) + "</b>", "<b>average</b>"));
            for (int l : lengths) {
                avg.add(m.rulerAverage().stream().filter(s -> s.length() == l).findFirst()
                        .map(s -> "<b>" + Html.num(s.score()) + "</b>").orElse(NOT_RUN));
            }
            rows.add(avg);
        }
        return "<h2>RULER: task × length</h2><p>Scores (0–100) as RULER computes them: the whole generated text after"
                + " RULER's post-processing, " + "string_match_all for the needle, vt, cwe and fwe tasks and"
                + " string_match_part for qa. Task wording follows " + Html.esc(r.settings().rulerVersion())
                + "; the deviations are listed under Settings.</p>" + Html.table(header, rows);
    }

    /** One heatmap per needle task and model: the models side by side under each task. */
    private static String heatmaps(BenchmarkResults r, Path chartDir, List<Path> charts) {
        StringBuilder b = new StringBuilder();
        for (String task : r.settings().tasks()) {
            List<ModelResults> withGrid = r.models().stream().filter(m -> !m.depthGrid(task).isEmpty()).toList();
            if (withGrid.isEmpty()) {
                continue;
            }
            b.append("<h3>").append(Html.esc(task)).append(": depth × length</h3><div class=\"grid\">");
            for (ModelResults m : withGrid) {
                Path heat = DepthLengthHeatmap.render(m, task, chartDir.resolve("heatmap-" + safe(task) + "-"
                        + safe(m.name()) + ".png"));
                charts.add(heat);
                b.append(Html.img(heat, task + " depth × length heatmap of " + m.name()));
            }
            b.append("</div>");
        }
        if (b.isEmpty()) {
            return "";
        }
        return "<h2>Needles by depth × length</h2><p>For each needle task, the share (0–100) of the needles asked"
                + " for whose value the answer contains, by the needle's depth in the context and the prompt length:"
                + " green where the model retrieves, red where it does not.</p>" + b;
    }

    /** The footnote to every "n/a": which task did not run at which length, and why. */
    private static String skippedNotes(BenchmarkResults r) {
        if (r.skipped().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<p class=\"note\"><b>n/a</b>: not run. A task runs only at the lengths"
                + " where its prompt fits (a qa task only with its data set); NIAH(M) is the mean of the"
                + " niah_multikey_1/2/3 mean, niah_multivalue and niah_multiquery, given only at the lengths where all"
                + " three parts ran.</p><ul class=\"note\">");
        for (SkippedTask s : r.skipped()) {
            b.append("<li>").append(Html.esc(s.task())).append(" @").append(s.length()).append(": ")
                    .append(Html.esc(s.reason())).append("</li>");
        }
        return b.append("</ul>").toString();
    }

    private static String value(Map<String, Double> summary, String key) {
        Double v = summary.get(key);
        return v == null ? "–" : Html.num(v);
    }

    private static String warnings(BenchmarkResults r) {
        StringBuilder b = new StringBuilder();
        for (ModelResults m : r.models()) {
            if (m.emptyOutputs() > 0) {
                b.append("<p class=\"warn\">Model <b>").append(Html.esc(m.name())).append("</b> produced no answer"
                        + " text in ").append(m.emptyOutputs()).append(" of ").append(m.samples().size())
                        .append(" samples (ended at once with end-of-sequence or a line break); those score 0.</p>");
            }
        }
        return b.toString();
    }

    private static String perplexityTable(BenchmarkResults r) {
        List<String> header = new ArrayList<>(List.of("model"));
        ModelResults first = r.models().get(0);
        first.perplexity().buckets().forEach(b -> header.add("pos " + b.fromPosition() + "–" + b.toPosition()));
        header.add("short-context (" + first.shortContext().length() + " tokens)");
        List<List<String>> rows = new ArrayList<>();
        for (ModelResults m : r.models()) {
            List<String> row = new ArrayList<>(List.of(Html.esc(m.name())));
            m.perplexity().buckets().forEach(b -> row.add(Html.num(b.perplexity())));
            row.add(Html.num(m.shortContext().perplexity()));
            rows.add(row);
        }
        return Html.table(header, rows);
    }

    private static String taskTable(BenchmarkResults r, ModelResults m) {
        List<Integer> lengths = r.settings().lengths();
        List<String> header = new ArrayList<>(List.of("task"));
        lengths.forEach(l -> header.add(l + " tokens"));
        List<List<String>> rows = new ArrayList<>();
        for (String task : r.settings().tasks()) {
            List<String> row = new ArrayList<>(List.of(Html.esc(task)));
            for (int l : lengths) {
                Optional<TaskScore> t = m.tasks().stream().filter(s -> s.task().equals(task) && s.length() == l)
                        .findFirst();
                row.add(t.map(s -> Html.num(s.score()) + (s.variants().size() > 1 ? "<br><small>"
                        + Html.esc(variants(s.variants())) + "</small>" : "")).orElse(r.skippedAt(task, l)
                        .map(s -> "<span title=\"" + Html.esc(s.reason()) + "\">" + NOT_RUN + "</span>")
                        .orElse("–")));
            }
            rows.add(row);
        }
        if (r.settings().tasks().stream().anyMatch(BenchmarkTasks.MULTI_NEEDLE::contains)) {
            List<String> niah = new ArrayList<>(List.of("<b>NIAH(M)</b>"));
            for (int l : lengths) {
                niah.add(m.niahM().stream().filter(s -> s.length() == l).findFirst().map(LengthScore::score)
                        .map(Html::num).orElse(NOT_RUN));
            }
            rows.add(niah);
        }
        return Html.table(header, rows);
    }

    private static String variants(Map<String, Double> v) {
        StringBuilder b = new StringBuilder();
        v.forEach((k, s) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(Html.num(s)));
        return b.toString();
    }

    /** Every answer that did not score 1, with the end of its prompt, so a reader sees what the model was asked. */
    private static String failedAnswers(ModelResults m) {
        List<SampleOutcome> failed = m.samples().stream().filter(s -> s.score() < 1).toList();
        if (failed.isEmpty()) {
            return "<p>Every answer of " + Html.esc(m.name()) + " scored 1.</p>";
        }
        StringBuilder b = new StringBuilder("<details><summary>").append(failed.size()).append(" of ")
                .append(m.samples().size()).append(" answers of ").append(Html.esc(m.name()))
                .append(" did not score 1, with the end of each prompt</summary>");
        for (SampleOutcome s : failed) {
            b.append("<p><b>").append(Html.esc(s.task())).append(" @").append(s.length()).append(' ')
                    .append(Html.esc(s.sampleKey())).append("</b> — score ").append(Html.num(s.score()))
                    .append(", expected ").append(Html.esc(String.join(", ", s.expected()))).append("</p><pre>")
                    .append(Html.esc(s.promptTail() == null ? "" : s.promptTail())).append("<b>")
                    .append(Html.esc(s.output())).append("</b></pre>");
        }
        return b.append("</details>").toString();
    }

    private static String samplesTable(ModelResults m) {
        List<List<String>> rows = new ArrayList<>();
        for (SampleOutcome s : m.samples()) {
            rows.add(List.of(Html.esc(s.task()), Html.esc(s.variant()), String.valueOf(s.length()),
                    Html.esc(s.sampleKey()), String.valueOf(s.promptTokens()), Html.esc(String.join(", ", s.expected())),
                    "<code>" + Html.esc(s.output()) + "</code>", Html.esc(s.stopReason()), Html.num(s.score())));
        }
        return "<details><summary>All " + m.samples().size() + " answers of " + Html.esc(m.name()) + "</summary>"
                + Html.table(List.of("task", "haystack", "length", "sample", "prompt tokens", "expected", "answer",
                "stop", "score"), rows) + "</details>";
    }

    private static String upstream(ReportSources s, Path chartDir, List<Path> charts) {
        StringBuilder b = new StringBuilder();
        if (!s.lineage().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            s.lineage().forEach((stage, attempt) -> rows.add(List.of(Html.esc(stage), String.valueOf(attempt))));
            b.append("<h2>Lineage</h2>").append(Html.table(List.of("stage", "attempt"), rows));
        }
        if (s.analysisChart() != null && Files.isRegularFile(s.analysisChart())) {
            b.append("<h2>Impactful token analysis</h2>").append(Html.img(s.analysisChart(), "analysis chart"));
        }
        if (s.segmenterStats() != null && Files.isRegularFile(s.segmenterStats())) {
            b.append("<h2>Segmenter statistics</h2>").append(jsonTable(s.segmenterStats()));
        }
        if (s.trainingMetrics() != null && Files.isRegularFile(s.trainingMetrics())) {
            Optional<Path> curve = TrainingCurveChart.render(s.trainingMetrics(), chartDir.resolve("training-loss.png"));
            if (curve.isPresent()) {
                charts.add(curve.get());
                b.append("<h2>Training</h2>").append(Html.img(curve.get(), "training loss"));
            }
        }
        if (s.specJson() != null) {
            b.append("<h2>Run spec</h2><pre>").append(Html.esc(pretty(s.specJson()))).append("</pre>");
        }
        return b.toString();
    }

    /** A JSON object as a two-column table; nested objects flattened to dotted keys. */
    private static String jsonTable(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<List<String>> rows = new ArrayList<>();
            flatten("", root, rows);
            return Html.table(List.of("statistic", "value"), rows);
        } catch (IOException e) {
            return "<p class=\"warn\">" + Html.esc(file + " is not readable JSON: " + e.getMessage()) + "</p>";
        }
    }

    private static void flatten(String prefix, JsonNode node, List<List<String>> rows) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), rows);
            }
        } else {
            rows.add(List.of(Html.esc(prefix), Html.esc(node.isNumber() ? Html.num(node.asDouble()) : node.asText(
                    node.toString()))));
        }
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (IOException e) {
            return json;
        }
    }

    private static String settingsTable(BenchmarkResults.Settings s) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("lengths", Html.esc(s.lengths().toString())));
        rows.add(List.of("tasks", Html.esc(s.tasks().toString())));
        rows.add(List.of("samples per task", String.valueOf(s.samplesPerTask())));
        rows.add(List.of("depth rows (needle heatmaps)", String.valueOf(s.depths())));
        rows.add(List.of("answer budget", (s.maxNewTokens() == null ? "RULER's per task: "
                : "evaluator.maxNewTokens for every task (RULER's differ): ") + Html.esc(s.tokensToGenerate().toString())));
        rows.add(List.of("RULER version", Html.esc(s.rulerVersion())));
        s.deviations().forEach((task, list) -> rows.add(List.of("deviations from RULER: " + Html.esc(task),
                list.isEmpty() ? "none" : "<ul><li>" + String.join("</li><li>", list.stream().map(Html::esc)
                        .toList()) + "</li></ul>")));
        rows.add(List.of("seed", String.valueOf(s.seed())));
        rows.add(List.of("haystack corpus", Html.esc(s.haystackCorpus())));
        rows.add(List.of("tokenizer", Html.esc(s.tokenizer())));
        rows.add(List.of("BOS token", s.bosTokenId() == null ? "none (the models' inputs start without one)"
                : "id " + s.bosTokenId() + ", first in every prompt and perplexity text"));
        rows.add(List.of("perplexity", s.perplexityTexts() + " texts × " + s.perplexityLength() + " tokens, "
                + s.perplexityBuckets() + " buckets; short context " + s.shortContextLength() + " tokens"));
        rows.add(List.of("perplexity text", Html.esc(s.perplexityText()) + (s.perplexityCorpus() == null ? ""
                : "<br><small>" + Html.esc(s.perplexityCorpus()) + "</small>")));
        return Html.table(List.of("setting", "value"), rows);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.esc(title)
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
                + "text-align:right;vertical-align:top}th{background:#f3f3f3}td:first-child{text-align:left}"
                + "img{max-width:100%}.meta{color:#666}.warn{background:#fff3cd;padding:6px 10px;border-left:4px solid"
                + " #e0a800}.note{color:#444;font-size:90%}.grid{display:grid;grid-template-columns:1fr 1fr;gap:8px}"
                + "pre{background:#f7f7f7;padding:8px;overflow:auto}code{white-space:pre-wrap}</style>"
                + "</head><body>\n" + body + "\n</body></html>\n";
    }
}
