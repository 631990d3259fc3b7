package dev.longrecipe.cli.oneshot;

import dev.longrecipe.evaluator.EvaluationOutcome;
import dev.longrecipe.evaluator.Evaluator;
import dev.longrecipe.evaluator.EvaluatorInputs;
import dev.longrecipe.evaluator.report.ReportSources;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longrecipe eval --model base=DIR --model merged=DIR … --out DIR}: the needle suite and perplexities on local
 * model folders (evaluator-core's {@link Evaluator}); lengths, tasks, samples, depths and budgets from the spec's
 * {@code evaluator} section. Prints the results table and where the HTML report is.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"One-shot evaluator: needle benchmarks and perplexity on base/extended/replay/merged models.",
                "RULER-style needle tasks at each length (a task whose prompt cannot fit a length is skipped there),"
                        + " perplexity by position and at short length, on every model given; results.json, charts"
                        + " and report.html in --out.",
                "Example: longrecipe eval --model base=models/llama --model extended=training/extension/final"
                        + " --model replay=training/replay/final --model merged=models/merged --haystack kjv.jsonl"
                        + " --perplexity-text heldout.txt.gz --out eval --set evaluator.lengths=[256,512,1024]",
                OneShotSource.HELP})
public final class EvalCommand extends OneShotCommand {
    @Option(names = "--model", required = true, paramLabel = "NAME=DIR",
            description = "a model to evaluate, in report order; the first is the base model (L is its"
                    + " max_position_embeddings unless the spec sets contextLength). Names: base, extended, replay,"
                    + " merged")
    Map<String, String> models = new LinkedHashMap<>();

    @Option(names = "--sweep", paramLabel = "NAME=LAMBDA", description = "a merge-sweep point: model NAME is the"
            + " merge with base share λ_base = LAMBDA (repeat; the report then shows the trade-off and the pick by"
            + " merger.sweepMaxPerplexityRise; needs a model named base)")
    Map<String, Double> sweep = new LinkedHashMap<>();

    @Option(names = "--haystack", paramLabel = "FILE", description = "text or JSONL the haystacks are cut from"
            + " (default: the spec's evaluator.haystackCorpus, else the bundled King James text)")
    String haystack;

    @Option(names = "--perplexity-text", paramLabel = "FILE", description = "held-out text or JSONL perplexity is"
            + " measured on (default: the spec's evaluator.perplexityCorpus, else the haystack corpus)")
    String perplexityText;

    @Option(names = "--tokenizer", paramLabel = "tokenizer.json", description = "tokenizer shared by the models"
            + " (default: the first model folder that has one)")
    Path tokenizer;

    @Option(names = "--analysis-chart", paramLabel = "PNG", description = "the analyzer's chart, shown in the report")
    Path analysisChart;

    @Option(names = "--segmenter-stats", paramLabel = "stats.json", description = "the segmenter's stats.json, shown"
            + " in the report")
    Path segmenterStats;

    @Option(names = "--training-log", paramLabel = "training-log.jsonl", description = "the trainer's log; its loss"
            + " curves go into the report")
    Path trainingLog;

    @Override
    int run() {
        models.forEach((name, dir) -> InputPaths.modelFolder("model '" + name + "' (--model " + name + "=…)", dir));
        sweep.forEach((name, lambda) -> {
            if (!models.containsKey(name)) {
                throw new IllegalArgumentException("--sweep " + name + "=" + lambda + " names no --model; give --model "
                        + name + "=DIR too");
            }
            if (!(lambda >= 0 && lambda <= 1)) {
                throw new IllegalArgumentException("--sweep " + name + "=" + lambda + ": λ_base is a share in [0, 1]");
            }
        });
        Path tokenizerJson = optionalFile("tokenizer (--tokenizer)", tokenizer, "give the models' tokenizer.json");
        String haystackFile = haystack == null ? null
                : InputPaths.file("haystack corpus (--haystack)", haystack, "give a text or JSONL file");
        RunSpec spec = spec("eval", givenInputs("baseModel", models.values().iterator().next(), "corpus", haystackFile));
        if (perplexityText != null) {
            InputPaths.file("perplexity text (--perplexity-text)", perplexityText, "give a text or JSONL file");
            spec = RunSpecs.withOverrides(spec, Map.of("evaluator.perplexityCorpus", Json.write(perplexityText)));
        }
        String fix = "leave the option out to omit it from the report";
        ReportSources report = new ReportSources(Json.writePretty(spec), Map.of(),
                optionalFile("analysis chart (--analysis-chart)", analysisChart, fix),
                optionalFile("segmenter stats (--segmenter-stats)", segmenterStats, fix),
                optionalFile("training log (--training-log)", trainingLog, fix));
        EvaluatorInputs in = EvaluatorInputs.resolve(spec.runId() != null ? spec : spec.withRunId("one-shot"), source,
                models, name -> "give a Hugging Face model folder with --model " + name + "=DIR", sweep,
                haystackCorpus(spec), report, scratch()).withTokenizer(tokenizerJson);

        EvaluationOutcome outcome = withProgress(bar -> Evaluator.run(in, outDir(), bar::update));
        PrintWriter stdout = stdout();
        stdout.print(ResultsTable.format(outcome.results()));
        stdout.println("results: " + outcome.resultsJson());
        stdout.println("report:  " + outcome.reportHtml());
        stdout.flush();
        return 0;
    }

    /** --haystack, else the spec's evaluator.haystackCorpus, else its corpus, else null (the bundled KJV text). */
    private String haystackCorpus(RunSpec spec) {
        if (haystack != null) {
            return haystack;
        }
        if (spec.evaluator().haystackCorpus() != null) {
            return spec.evaluator().haystackCorpus();
        }
        return spec.corpus().equals(OneShotSpec.placeholder("eval")) ? null : spec.corpus();
    }

    private static Path optionalFile(String what, Path path, String fix) {
        return path == null ? null : Path.of(InputPaths.file(what, path.toString(), fix));
    }
}
