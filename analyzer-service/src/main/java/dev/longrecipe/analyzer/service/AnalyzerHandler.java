package dev.longrecipe.analyzer.service;

import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.analyzer.Analyzer;
import dev.longrecipe.analyzer.AnalyzerInputs;
import dev.longrecipe.analyzer.AnalyzerResult;
import dev.longrecipe.analyzer.report.AnalysisReport;
import dev.longrecipe.analyzer.report.ReportBuilder;
import dev.longrecipe.runtime.StageContext;
import dev.longrecipe.runtime.StageHandler;
import dev.longrecipe.runtime.WorkRate;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.AnalysisCompleted;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.RunRequested;
import dev.longrecipe.schema.spec.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * The analyzer's Kafka door: {@code run.requested} → impactful token analysis of H vs H′ on the run's corpus
 * (analyzer-core) → {@code <attempt>/report.json} + the Figure-4 chart → {@code analysis.completed} with the anchor
 * types and rule the segmenter applies. Without H′ in the spec nothing is downloaded and the report states the
 * released code's "digits" rule.
 */
@ApplicationScoped
public class AnalyzerHandler implements StageHandler<RunRequested> {

    @Override
    public Stage stage() {
        return Stage.ANALYZER;
    }

    @Override
    public Event<AnalysisCompleted> run(StageContext<RunRequested> ctx) {
        RunSpec spec = ctx.spec();
        if (spec.referenceModel() != null) {
            ctx.progress(0, "downloading H, H′ and the corpus");
        }
        AnalyzerInputs inputs = AnalyzerInputs.resolve(spec, ctx.source(), ctx.workDir());
        WorkRate rate = WorkRate.start();
        AnalyzerResult result = Analyzer.run(inputs, ctx.outputDir(),
                ProgressListener.ofSamples((done, total) -> ctx.progress((double) done / total, rate.perSecond(done),
                        "samples/s", "analysed sample " + done + " of " + total, Map.of("samples", (double) done)),
                        ctx::progress));
        AnalysisReport report = result.report();
        ctx.progress(1, completionMessage(report));
        return ctx.event(AnalysisCompleted.builder().reportKey(ctx.attemptPrefix() + AnalysisReport.FILE_NAME)
                .anchorTypes(report.anchorTypes()).anchorRule(report.anchorRule())
                .fallbackReason(report.anchorTypes().isEmpty() ? report.fallbackReason() : null).build());
    }

    /** What the run's status shows when the analysis is done: the anchors, or the digits fallback and why. */
    static String completionMessage(AnalysisReport report) {
        if (!report.anchorTypes().isEmpty()) {
            return "anchor types " + String.join(", ", report.anchorTypes()) + " (" + report.anchorRule() + "): "
                    + report.statement();
        }
        String rule = ReportBuilder.DIGITS_RULE.equals(report.anchorRule()) ? "anchor rule digits"
                : "no anchor types: the segmenter falls back to the released code's digits rule";
        return rule + ". " + report.fallbackReason();
    }
}
