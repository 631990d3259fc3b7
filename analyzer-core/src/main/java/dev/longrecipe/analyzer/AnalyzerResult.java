package dev.longrecipe.analyzer;

import dev.longrecipe.analyzer.report.AnalysisReport;

import java.nio.file.Path;
import java.util.List;

/**
 * @param report     the report as written
 * @param reportFile {@code report.json} in the output folder
 * @param files      every file written into the output folder (report first, then the chart if any)
 */
public record AnalyzerResult(AnalysisReport report, Path reportFile, List<Path> files) {
    public AnalyzerResult {
        files = List.copyOf(files);
    }
}
