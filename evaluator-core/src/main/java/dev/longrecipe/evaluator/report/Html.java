package dev.longrecipe.evaluator.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Small HTML building blocks: escaping, tables, embedded images. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double shown = Math.round(v * 100) / 100.0; // 55.000000001 (a mean of 0s and 1s) shows as 55, not 55.00
        return Math.abs(v) >= 1000 || shown == Math.rint(shown) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A PNG embedded as a data URI, so the report is one self-contained file. */
    static String img(Path png, String alt) {
        try {
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
            return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + data + "\">";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + png + ": " + e.getMessage(), e);
        }
    }

    /** A table; cells are already HTML. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        header.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            b.append("<tr>");
            row.forEach(c -> b.append("<td>").append(c).append("</td>"));
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
