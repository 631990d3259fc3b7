package dev.longrecipe.cli.oneshot;

import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The evaluator's results as a plain-text table for the terminal: one row per model and task (RULER score 0–100 at
 * each length), NIAH(M) per model, then perplexities. The same numbers as results.json, nothing computed here.
 */
public final class ResultsTable {
    private ResultsTable() {
    }

    public static String format(BenchmarkResults results) {
        List<Integer> lengths = results.settings().lengths();
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("model", "task"));
        lengths.forEach(l -> header.add(String.valueOf(l)));
        rows.add(header.toArray(String[]::new));
        for (ModelResults m : results.models()) {
            for (String task : results.settings().tasks()) {
                List<String> row = new ArrayList<>(List.of(m.name(), task));
                for (int length : lengths) {
                    row.add(m.tasks().stream().filter(t -> t.task().equals(task) && t.length() == length)
                            .findFirst().map(TaskScore::score).map(ResultsTable::score).orElse("-"));
                }
                rows.add(row.toArray(String[]::new));
            }
            if (!m.niahM().isEmpty()) {
                List<String> row = new ArrayList<>(List.of(m.name(), "NIAH(M)"));
                for (int length : lengths) {
                    row.add(m.niahM().stream().filter(s -> s.length() == length).findFirst()
                            .map(LengthScore::score).map(ResultsTable::score).orElse("-"));
                }
                rows.add(row.toArray(String[]::new));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("needle scores (string_match_all ×100) by prompt length in tokens:\n");
        appendAligned(out, rows);
        out.append(String.format(Locale.ROOT, "%nperplexity (short texts of %d tokens; long texts of %d tokens by"
                + " position bucket):%n", results.settings().shortContextLength(), results.settings().perplexityLength()));
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
