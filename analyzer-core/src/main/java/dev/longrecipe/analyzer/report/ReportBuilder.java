package dev.longrecipe.analyzer.report;

import dev.longrecipe.analyzer.anchor.AboveBaseRateSelection;
import dev.longrecipe.analyzer.anchor.AnchorChoice;
import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.delta.BucketStatistics;
import dev.longrecipe.analyzer.delta.TypeStatistics;
import dev.longrecipe.analyzer.types.TokenTypeSystem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Turns analysis tables and the anchor choice into the {@link AnalysisReport}. */
public final class ReportBuilder {

    /** The rule named when the analysis found no anchor types (the report names no type to look for). */
    public static final String NO_ANCHOR_RULE = "none";
    /** The released code's rule, used when there is no H′. */
    public static final String DIGITS_RULE = "digits";
    /** Most types one chart shows (more lines are unreadable). */
    public static final int MAX_CHART_TYPES = 8;

    private ReportBuilder() {
    }

    /** No H′: no model ran; the segmenter applies the released code's "digits" rule. */
    public static AnalysisReport digits(AnalysisReport.Parameters parameters, AnalysisReport.Models models) {
        String statement = "No reference model H′ was given, so no model was run and no token was analysed: the"
                + " released code's \"digits\" rule applies (a sentence is an anchor sentence when its text contains"
                + " a digit).";
        return new AnalysisReport(AnalysisReport.FORMAT_VERSION, DIGITS_RULE, List.of(), null, statement, statement,
                null, parameters, models, new AnalysisReport.Samples(0, List.of()), null, null, null, null, null, List.of(),
                List.of(), null);
    }

    /**
     * @param labels readable text of a type (the decoded token for vocab ids), or null
     */
    public static AnalysisReport analysed(AnalysisReport.Parameters parameters, AnalysisReport.Models models,
            AnalysisTables tables, AnchorChoice choice, TokenTypeSystem typeSystem, int vocabSize,
            Function<String, String> labels) {
        String anchorRule = choice.types().isEmpty() ? NO_ANCHOR_RULE : typeSystem.anchorRule();
        List<AnalysisReport.TypeRow> types = new ArrayList<>();
        for (TypeStatistics t : tables.types()) {
            types.add(new AnalysisReport.TypeRow(t.type(), labels.apply(t.type()), t.count(), t.impactfulCount(),
                    t.baseShare(), t.impactfulShare(), t.lift(), finite(AboveBaseRateSelection.z(t, tables)),
                    t.deltaAbsSum(), t.deltaSignedSum(),
                    t.deltaAbsMean(), typeSystem.isAnchorCandidate(t.type())));
        }
        List<AnalysisReport.BucketRow> buckets = new ArrayList<>();
        for (BucketStatistics b : tables.buckets()) {
            buckets.add(new AnalysisReport.BucketRow(b.index(), b.fromPosition(), b.toPosition(), b.tokens(),
                    b.impactfulTokens(), Double.isNaN(b.entropyMean()) ? null : b.entropyMean(),
                    b.impactfulShares(), b.baseShares()));
        }
        AnalysisReport.Chart chart = new AnalysisReport.Chart(ImpactfulTypeChart.PNG, ImpactfulTypeChart.SVG,
                chartTypes(tables, choice, typeSystem));
        return new AnalysisReport(AnalysisReport.FORMAT_VERSION, anchorRule, choice.types(), choice.selection(),
                choice.statement(), choice.types().isEmpty() ? choice.statement() : null, typeSystem.name(), parameters, models,
                new AnalysisReport.Samples(tables.samples(), tables.sampleLengths()), tables.tokens(),
                tables.impactfulTokens(), tables.nonZeroDeltas(), tables.maxAbsDelta(), Math.log(vocabSize), types,
                buckets, chart);
    }

    /** JSON has no infinity: a z without variance (every token impactful) is written as the largest double. */
    private static double finite(double z) {
        return Double.isInfinite(z) ? Math.copySign(Double.MAX_VALUE, z) : z;
    }

    /** Anchors first, then the other anchor candidates most frequent among impactful tokens (then among all). */
    static List<String> chartTypes(AnalysisTables tables, AnchorChoice choice, TokenTypeSystem typeSystem) {
        Set<String> shown = new LinkedHashSet<>(choice.types());
        tables.types().stream()
                .filter(t -> typeSystem.isAnchorCandidate(t.type()))
                .sorted(Comparator.comparingLong(TypeStatistics::impactfulCount)
                        .thenComparingLong(TypeStatistics::count).reversed())
                .forEach(t -> shown.add(t.type()));
        return shown.stream().limit(MAX_CHART_TYPES).toList();
    }
}
