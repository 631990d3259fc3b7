package dev.longrecipe.cli.oneshot;

import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.MergeSweep;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.SkippedTask;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import dev.longrecipe.evaluator.task.BenchmarkTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The evaluator's results as a plain-text table for the terminal: one row per model and task (RULER score 0–100 at
 * each length; "n/a" where the task did not run because its prompt cannot fit the length, with the reasons under the
 * table), NIAH(M) and the RULER average per model, then perplexities and the text they were measured on. The same numbers as results.json,
 * nothing computed here.
 */
public final class ResultsTable {
    static final String NOT_RUN = "n/a";

    private ResultsTable() {
    }

    public static String format(BenchmarkResults results) {
        List<Integer> lengths = results.settings().lengths();
        List<String> multiNeedle = results.settings().tasks().stream()
                .filter(BenchmarkTasks.MULTI_NEEDLE::contains).toList();
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("model", "task"));
        lengths.forEach(l -> header.add(String.valueOf(l)));
        rows.add(header.toArray(String[]::new));
        for (ModelResults m : results.models()) {
            for (String task : results.settings().tasks()) {
                List<String> row = new ArrayList<>(List.of(m.name(), task));
                for (int length : lengths) {
                    row.add(m.tasks().stream().filter(t -> t.task().equals(task) && t.length() == length)
                            .findFirst().map(TaskScore::score).map(ResultsTable::score)
                            .orElse(results.skippedAt(task, length).isPresent() ? NOT_RUN : "-"));
                }
                rows.add(row.toArray(String[]::new));
            }
            if (!multiNeedle.isEmpty()) {
                List<String> row = new ArrayList<>(List.of(m.name(), "NIAH(M)"));
                for (int length : lengths) {
                    row.add(m.niahM().stream().filter(s -> s.length() == length).findFirst()
                            .map(LengthScore::score).map(ResultsTable::score).orElse(NOT_RUN));
                }
                rows.add(row.toArray(String[]::new));
            }
            List<String> avg = new ArrayList<>(List.of(m.name(), "RULER avg"));
            for (int length : lengths) {
                avg.add(m.rulerAverage().stream().filter(s -> s.length() == length).findFirst()
                        .map(LengthScore::score).map(ResultsTable::score).orElse(NOT_RUN));
            }
            rows.add(avg.toArray(String[]::new));
        }
        StringBuilder out = new StringBuilder();
        out.append("RULER scores (0–100; string_match_all, qa string_match_part) by prompt length in tokens; RULER avg"
                + " = mean of the tasks run at that length:\n");
        appendAligned(out, rows);
        if (!results.skipped().isEmpty()) {
            out.append(NOT_RUN).append(": not run at that length, the prompt does not fit it");
            if (!multiNeedle.isEmpty()) {
                out.append(" (NIAH(M), the paper's rule: mean of the niah_multikey_* that ran, niah_multivalue and"
                        + " niah_multiquery, only where all three parts ran)");
            }
            out.append(":\n");
            for (SkippedTask s : results.skipped()) {
                out.append(String.format(Locale.ROOT, "  %s @%d: needs at least %d tokens%n", s.task(), s.length(),
                        s.neededLength()));
            }
        }
        String text = results.settings().perplexityText();
        out.append(String.format(Locale.ROOT, "%nperplexity%s (short texts of %d tokens; long texts of %d tokens by"
                        + " position bucket):%n", text == null ? "" : " on " + text.replaceFirst(" \\(.*$", ""),
                results.settings().shortContextLength(), results.settings().perplexityLength()));
        for (ModelResults m : results.models()) {
            StringBuilder buckets = new StringBuilder();
            for (BenchmarkResults.Bucket b : m.perplexity().buckets()) {
                buckets.append(String.format(Locale.ROOT, " %d–%d: %.2f", b.fromPosition(), b.toPosition(),
                        b.perplexity()));
            }
            out.append(String.format(Locale.ROOT, "  %-10s short %.2f  long%s%s%n", m.name(),
                    m.shortContext().perplexity(), buckets, m.emptyOutputs() > 0
                            ? "  (" + m.emptyOutputs() + " empty answers)" : ""));
        }
        MergeSweep sweep = results.mergeSweep();
        if (sweep != null) {
            out.append(String.format(Locale.ROOT, "%nmerge sweep (NIAH = mean of the needle tasks; report: chart and"
                    + " table):%n"));
            for (MergeSweep.Point p : sweep.points()) {
                StringBuilder niah = new StringBuilder();
                p.niah().forEach((length, score) -> niah.append(String.format(Locale.ROOT, "  %d: %5.1f", length,
                        score)));
                out.append(String.format(Locale.ROOT, "  λ_base %-5s %-11s%s  short ppl %.2f%s%n",
                        MergeSweep.fmt(p.lambdaBase()), p.model(), niah, p.shortPerplexity(),
                        p.withinPerplexity() ? "" : "  (above the bound)"));
            }
            out.append("  pick: ").append(sweep.pickReason()).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String score(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    private static void appendAligned(StringBuilder out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            out.append(' ');
            for (int c = 0; c < columns; c++) {
                String cell = row[c];
                // text columns left-aligned, numbers right-aligned
                out.append(' ').append(c < 2 ? cell + " ".repeat(width[c] - cell.length())
                        : " ".repeat(width[c] - cell.length()) + cell);
            }
            out.append('\n');
        }
    }
}
