package dev.longrecipe.evaluator.report;

import java.nio.file.Path;
import java.util.Map;

/**
 * Upstream artifacts the HTML report shows when they exist; every field may be {@code null} (a report of an
 * evaluation alone shows the results only).
 *
 * @param specJson        the run spec as JSON
 * @param lineage         stage → attempt the evaluated models came from
 * @param analysisChart   the analyzer's chart (PNG)
 * @param segmenterStats  the segmenter's stats.json
 * @param trainingMetrics the trainer's metrics (JSON array or JSON lines of objects with "step" and "loss")
 */
public record ReportSources(String specJson, Map<String, Integer> lineage, Path analysisChart, Path segmenterStats,
                            Path trainingMetrics) {
    public ReportSources {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
    }

    public static ReportSources none() {
        return new ReportSources(null, Map.of(), null, null, null);
    }
}
