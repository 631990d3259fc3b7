package dev.longrecipe.cli.oneshot;

import dev.longrecipe.analyzer.Analyzer;
import dev.longrecipe.analyzer.AnalyzerInputs;
import dev.longrecipe.analyzer.AnalyzerResult;
import dev.longrecipe.analyzer.report.AnalysisReport;
import dev.longrecipe.analyzer.report.ReportBuilder;
import dev.longrecipe.schema.spec.RunSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
                        + " --out analysis --set analyzer.samples=4"})
public final class AnalyzeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "H", description = "base model H (HF folder with"
            + " tokenizer.json)")
    Path model;

    @Option(names = "--reference", paramLabel = "H′", description = "longer-context reference model H′ sharing H's"
            + " tokenizer (default: the spec's referenceModel; none → the 'digits' rule)")
    Path reference;

    @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "JSONL corpus of long documents")
    Path corpus;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder for report.json and"
            + " the chart")
    Path out;

    @Mixin
    OneShotSpec specOptions;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        InputPaths.modelFolder("base model H (--model)", model);
        InputPaths.corpus("corpus (--corpus)", corpus);
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("baseModel", model);
        inputs.put("corpus", corpus);
        if (reference != null) {
            inputs.put("referenceModel", reference);
        }
        RunSpec spec = specOptions.load("analyze", inputs);
        Path h2 = reference != null ? reference : spec.referenceModel() != null ? Path.of(spec.referenceModel()) : null;
        if (h2 != null) {
            InputPaths.modelFolder("reference model H′ (--reference)", h2);
        }

        ProgressBar bar = new ProgressBar(command.commandLine().getErr());
        AnalyzerResult result;
        long start = System.nanoTime();
        try {
            result = Analyzer.run(AnalyzerInputs.of(spec, model, h2, corpus), out,
                    (done, total) -> bar.update((double) done / total, done + "/" + total + " samples analysed"));
        } finally {
            bar.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter stdout = command.commandLine().getOut();
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
