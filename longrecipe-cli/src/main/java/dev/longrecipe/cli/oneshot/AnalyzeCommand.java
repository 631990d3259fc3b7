package dev.longrecipe.cli.oneshot;

import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.analyzer.Analyzer;
import dev.longrecipe.analyzer.AnalyzerInputs;
import dev.longrecipe.analyzer.AnalyzerResult;
import dev.longrecipe.analyzer.report.AnalysisReport;
import dev.longrecipe.analyzer.report.ReportBuilder;
import dev.longrecipe.schema.spec.RunSpec;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longrecipe analyze --model H [--reference H′] --corpus FILE --out DIR}: impactful token analysis on local
 * folders (analyzer-core's {@link Analyzer}); samples, length, top fraction, type system and anchor selection from
 * the spec's {@code analyzer} section.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"One-shot analyzer: H vs a longer-context H′ token by token → report.json + chart.",
                "report.json names the anchor token types for the segmenter; the chart is the paper's Figure 4. Without H′ the report states the"
                + " released code's 'digits' rule.",
                "Example: longrecipe analyze --model models/llama --reference models/llama-long --corpus kjv.jsonl"
                        + " --out analysis --set analyzer.samples=4", OneShotSource.HELP})
public final class AnalyzeCommand extends OneShotCommand {
    @Option(names = "--model", required = true, paramLabel = "H", description = "base model H (HF folder with"
            + " tokenizer.json)")
    String model;

    @Option(names = "--reference", paramLabel = "H′", description = "longer-context reference model H′ sharing H's"
            + " tokenizer (default: the spec's referenceModel; none → the 'digits' rule)")
    String reference;

    @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "JSONL corpus of long documents")
    String corpus;

    @Override
    int run() {
        InputPaths.modelFolder("base model H (--model)", model);
        InputPaths.corpus("corpus (--corpus)", corpus);
        RunSpec spec = spec("analyze", givenInputs("baseModel", model, "corpus", corpus, "referenceModel", reference));
        if (spec.referenceModel() != null) {
            InputPaths.modelFolder("reference model H′ (--reference)", spec.referenceModel());
        }
        AnalyzerInputs in = AnalyzerInputs.resolve(spec, source, scratch());
        long start = System.nanoTime();
        AnalyzerResult result = withProgress(bar -> Analyzer.run(in, outDir(),
                ProgressListener.ofSamples((done, total) -> bar.update((double) done / total,
                        done + "/" + total + " samples analysed"), bar::update)));
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter stdout = stdout();
        AnalysisReport report = result.report();
        if (report.models().baseRopeTheta() != null) {
            AnalysisReport.Parameters p = report.parameters();
            stdout.printf(Locale.ROOT, "analysed %d samples of up to %d tokens in %.1f s: H = %s with rope_theta %.2f"
                            + " (config %.2f; the extension's RoPE for L = %d → L′ = %d), H′ rope_theta %.2f, %s%n",
                    report.samples().count(), p.length(), seconds, model, report.models().baseRopeTheta(),
                    report.models().baseConfigTheta(), p.contextLength(), p.targetLength(),
                    report.models().referenceRopeTheta(), report.models().bosTokenId() == null ? "no BOS"
                            : "BOS id " + report.models().bosTokenId() + " at position 0");
        }
        if (!report.anchorTypes().isEmpty()) {
            stdout.println("anchor rule: " + report.anchorRule() + ", anchor types "
                    + String.join(",", report.anchorTypes()));
            stdout.println(report.statement());
        } else {
            stdout.println("anchor rule: " + report.anchorRule() + (ReportBuilder.DIGITS_RULE.equals(report.anchorRule())
                    ? "" : " → the segmenter falls back to the released code's 'digits' rule")
                    + " (a sentence is an anchor sentence when its text contains a digit)");
            stdout.println("reason: " + report.fallbackReason());
        }
        result.files().forEach(f -> stdout.println("wrote " + f));
        stdout.println("next: longrecipe segment --report " + result.reportFile() + " --model " + model
                + " --corpus " + corpus + " --out DIR");
        stdout.flush();
        return 0;
    }
}
