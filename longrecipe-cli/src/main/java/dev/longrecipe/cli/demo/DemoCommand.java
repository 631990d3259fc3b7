package dev.longrecipe.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.cli.oneshot.ResultsTable;
import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.cli.platform.UpCommand;
import dev.longrecipe.cli.run.ReportCommand;
import dev.longrecipe.cli.run.RunClient;
import dev.longrecipe.cli.run.StatusCommand;
import dev.longrecipe.cli.run.SubmitCommand;
import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.ResultsJson;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.SamplesReady;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longrecipe demo}: a real LongRecipe run on this machine. Starts the local stack and the five services,
 * prepares the KJV corpora and the reference model, submits {@code demo/spec.yaml}, shows each stage's progress and
 * consumer lag while it runs, then prints base vs extended vs merged and where the HTML report is. The stack stays
 * up for inspection ({@code longrecipe down} stops it). {@code --compare} runs PoSE, RPES and FLT as well.
 */
@Command(name = "demo", description = "Run a real LongRecipe extension (L=256 → 1024) end to end on the local stack.")
public final class DemoCommand implements Callable<Integer> {
    private static final List<String> COMPARED = List.of("longrecipe", "pose", "rpes", "flt");

    @Option(names = "--compare", description = "also run PoSE, RPES and FLT and print the paper-style comparison")
    boolean compare;

    @Option(names = "--spec", description = "run spec (default: demo/spec.yaml)")
    Path spec;

    @Override
    public Integer call() throws Exception {
        Platform platform = Platform.fromEnvironment();
        Path home = platform.home();
        Path specFile = spec != null ? spec : home.resolve("demo/spec.yaml");
        Path baseModel = home.resolve("demo/base-model");
        if (!Files.isRegularFile(baseModel.resolve("config.json"))) {
            throw new IllegalStateException(baseModel + " is missing; make it with ./longrecipe make-base-model");
        }
        System.out.println("== preparing the KJV corpora and the reference model H′");
        DemoCorpus.prepare(home.resolve("demo/data/kjv.txt.gz"), home.resolve(".stack/demo/data"), 8000, 1200);
        writeReferenceModel(baseModel, home.resolve(".stack/demo/reference-model"), 4);

        System.out.println("== starting Kafka, S3 and the five services");
        UpCommand.up(platform);

        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss"));
        Map<String, String> runs = new LinkedHashMap<>();
        Map<String, Long> seconds = new LinkedHashMap<>();
        try (RunClient client = RunClient.connect(platform)) {
            for (String method : compare ? COMPARED : List.of("longrecipe")) {
                String runId = "demo-" + stamp + "-" + method;
                long start = System.nanoTime();
                SubmitCommand.submit(client, specFile, runId, Map.of("method", method));
                System.out.println("== submitted run " + runId + " (method " + method + ")");
                follow(client, runId);
                runs.put(method, runId);
                seconds.put(method, (System.nanoTime() - start) / 1_000_000_000L);
            }
            for (Map.Entry<String, String> run : runs.entrySet()) {
                Path html = ReportCommand.fetch(client, platform, run.getValue());
                System.out.println();
                System.out.println("== results of " + run.getValue());
                System.out.print(ResultsTable.format(ResultsJson.read(html.resolveSibling("results.json"))));
                System.out.println("report: " + html);
            }
            if (compare) {
                System.out.println();
                System.out.print(comparison(client, platform, runs, seconds));
            }
        }
        System.out.println("The stack is still running: ./longrecipe status, ./longrecipe down to stop it.");
        return 0;
    }

    /** Prints a status snapshot whenever it changes, until the evaluator completes or a stage fails. */
    private static void follow(RunClient client, String runId) throws InterruptedException {
        String last = "";
        while (true) {
            String now = StatusCommand.render(client, List.of(runId));
            if (!now.equals(last)) {
                System.out.print(now);
                last = now;
            }
            if (client.latestCompleted(runId, Stage.EVALUATOR).isPresent()) {
                return;
            }
            if (now.contains(" failed ")) {
                throw new IllegalStateException("run " + runId + " failed (see above); service logs are in "
                        + ".stack/state/logs");
            }
            Thread.sleep(3000);
        }
    }

    /** H′: the same weights with linear RoPE interpolation by {@code factor} and a window {@code factor} times L. */
    static void writeReferenceModel(Path base, Path out, int factor) throws Exception {
        Folders.copyFiles(base, out);
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(base.resolve("config.json").toFile());
        int window = config.path("max_position_embeddings").asInt();
        ObjectNode scaling = config.putObject("rope_scaling");
        scaling.put("rope_type", "linear");
        scaling.put("factor", (double) factor);
        config.put("max_position_embeddings", window * factor);
        Files.writeString(out.resolve("config.json"), Json.writePretty(config));
    }

    /**
     * The paper-style table per method: the merged model's NIAH(M) per length and perplexity in the last position
     * bucket, the tokens of the training samples, and the run's wall time (analysis to report).
     */
    private static String comparison(RunClient client, Platform platform, Map<String, String> runs,
            Map<String, Long> seconds) {
        StringBuilder out = new StringBuilder("== comparison (merged model)\n");
        List<String> rows = new ArrayList<>();
        List<Integer> lengths = null;
        for (Map.Entry<String, String> run : runs.entrySet()) {
            Path html = platform.root().resolve("reports").resolve(run.getValue()).resolve("results.json");
            BenchmarkResults r = ResultsJson.read(html);
            lengths = r.settings().lengths();
            BenchmarkResults.ModelResults merged = r.models().stream().filter(m -> m.name().equals("merged"))
                    .findFirst().orElse(r.models().get(r.models().size() - 1));
            StringBuilder row = new StringBuilder(String.format("%-11s", run.getKey()));
            for (int len : lengths) {
                row.append(String.format(Locale.ROOT, " %12.1f", merged.niahM().stream()
                        .filter(s -> s.length() == len).mapToDouble(BenchmarkResults.LengthScore::score)
                        .average().orElse(Double.NaN)));
            }
            int segmenter = client.latestCompleted(run.getValue(), Stage.SEGMENTER).orElseThrow();
            SamplesReady samples = Events.parse(Topics.SAMPLES_READY,
                    client.store().getText(ObjectKeys.completed(run.getValue(), Stage.SEGMENTER, segmenter)));
            List<BenchmarkResults.Bucket> buckets = merged.perplexity().buckets();
            row.append(String.format(Locale.ROOT, " %14.1f %14d %10d", buckets.get(buckets.size() - 1).perplexity(),
                    samples.tokens(), seconds.get(run.getKey())));
            rows.add(row.toString());
        }
        out.append(String.format("%-11s", "method"));
        for (int len : lengths) {
            out.append(String.format(" %12s", "NIAH(M)@" + len));
        }
        out.append(String.format(" %14s %14s %10s%n", "ppl@last pos.", "sample tokens", "wall s"));
        rows.forEach(r -> out.append(r).append('\n'));
        return out.toString();
    }
}
