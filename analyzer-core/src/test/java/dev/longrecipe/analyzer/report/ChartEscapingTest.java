package dev.longrecipe.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer's SVG chart draws token labels decoded from the model's vocabulary (the "vocab" type system) and
 * anchor types: a token that is markup appears escaped, never as an element of the SVG.
 */
class ChartEscapingTest {
    private static final String EVIL = "<script>alert(1)</script>";

    @TempDir
    Path tmp;

    @Test
    void tokenLabelsFromTheModelAreEscapedInTheSvg() throws IOException {
        AnalysisReport.TypeRow row = new AnalysisReport.TypeRow("v42", EVIL, 10, 5, 0.1, 0.5, 5, 3, 1, 1, 0.1, true);
        AnalysisReport report = new AnalysisReport(AnalysisReport.FORMAT_VERSION, "vocab-types", List.of("v42"),
                "above-base-rate", "statement " + EVIL, null, "vocab",
                new AnalysisReport.Parameters(1, 32, 0.2, 2, "vocab", "above-base-rate", 1.2, 3, 16, 64),
                new AnalysisReport.Models("h" + EVIL, "h2" + EVIL, 512, 10000.0, 10000.0, 40000.0, 1),
                new AnalysisReport.Samples(1, List.of(32)), 32L, 6L, 32L, 1.0, 2.0, List.of(row),
                List.of(new AnalysisReport.BucketRow(0, 0, 15, 16, 3, 1.0, Map.of("v42", 0.5), Map.of("v42", 0.1)),
                        new AnalysisReport.BucketRow(1, 16, 31, 16, 3, 1.0, Map.of("v42", 0.4), Map.of("v42", 0.1))),
                new AnalysisReport.Chart(ImpactfulTypeChart.PNG, ImpactfulTypeChart.SVG, List.of("v42")));

        ImpactfulTypeChart.write(report, List.of("v42"), tmp);
        String svg = Files.readString(tmp.resolve(ImpactfulTypeChart.SVG));

        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;");
    }
}
