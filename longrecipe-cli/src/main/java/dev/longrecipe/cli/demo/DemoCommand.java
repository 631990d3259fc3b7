package dev.longrecipe.cli.demo;

import dev.longrecipe.cli.oneshot.ResultsTable;
import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.cli.platform.UpCommand;
import dev.longrecipe.cli.run.ReportCommand;
import dev.longrecipe.cli.run.RunClient;
import dev.longrecipe.cli.run.StatusCommand;
import dev.longrecipe.cli.run.SubmitCommand;
import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.ResultsJson;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code longrecipe demo}: the main job. Generates the demo's corpora (fact documents, the base model's training
 * mixture, held-out text), starts the local stack and the five services, submits {@code demo/spec.yaml} — a 3.9 M
 * parameter Llama that retrieves inside L = 256 extended to L′ = 1024 with LongRecipe — follows each stage's
 * progress and consumer lag, then prints base vs extended vs replay vs merged and whether the extended model beats
 * the base at 2L. {@code --compare} runs {@code demo/compare.yaml} once per method (LongRecipe, FLT, PoSE, RPES,
 * Random-T) and prints the paper's comparison in miniature; it resumes where it stopped when run again.
 */
@Command(name = "demo", description = "Run a real LongRecipe extension (L=256 → 1024) end to end on the local stack.")
public final class DemoCommand implements Callable<Integer> {
    static final List<String> COMPARED = List.of("longrecipe", "flt", "pose", "rpes", "longrecipe-random");
    /**
     * The task the demo's bar is measured on: RULER's niah_single_2 (essay haystack, word key, 7-digit number), what
     * the demo models were trained on.
     */
    static final String BAR_TASK = "niah_single_2";
    /** The demo's bar: the extended model beats the base by this many points of niah_single_2 at 2L. */
    static final double BAR_POINTS = 50;
    /** How often a compared run's wall and CPU time so far are added to the ledger. */
    private static final double LEDGER_LAP_SECONDS = 60;

    @Option(names = "--compare", description = "run LongRecipe, FLT, PoSE, RPES and Random-T (demo/compare.yaml)"
            + " and print the comparison; resumes when run again")
    boolean compare;

    @Option(names = "--so-far", description = "with --compare: print the comparison of the methods finished so far"
            + " and stop (submits and resumes nothing; the stack must be up)")
    boolean soFar;

    @Option(names = "--spec", description = "run spec (default: demo/spec.yaml, or demo/compare.yaml with --compare)")
    Path spec;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Platform platform = Platform.fromEnvironment();
        if (soFar) {
            if (!compare) {
                throw new IllegalArgumentException("--so-far prints the comparison of demo --compare; use it with"
                        + " --compare");
            }
            try (RunClient client = RunClient.connect(platform)) {
                System.out.print(compareSoFar(client, platform));
            }
            return 0;
        }
        Path home = platform.home();
        Path specFile = spec != null ? spec : home.resolve(compare ? "demo/compare.yaml" : "demo/spec.yaml");
        RunSpec parsed = prepareInputs(home, specFile);

        System.out.println("== starting Kafka, S3 and the five services");
        UpCommand.up(platform);

        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss"));
        Map<String, String> runs = new LinkedHashMap<>();
        CompareLedger ledger = CompareLedger.of(platform);
        try (RunClient client = RunClient.connect(platform)) {
            List<String> methods = compare ? COMPARED : List.of(parsed.method());
            for (int i = 0; i < methods.size(); i++) {
                String method = methods.get(i);
                String runId = compare ? compareRunId(method) : "demo-" + stamp + "-" + method;
                runs.put(method, runId);
                if (compare) {
                    System.out.println(ledger.progressLine(i, methods));
                }
                if (client.latestCompleted(runId, Stage.EVALUATOR).isPresent()) {
                    System.out.println("== " + runId + " already measured; kept");
                    if (compare) {
                        ledger.finish(method); // it may have finished while no demo was following it
                    }
                    continue;
                }
                if (client.store().exists(ObjectKeys.spec(runId))) {
                    System.out.println("== resuming run " + runId + " (its stages continue from their checkpoints)");
                } else {
                    SubmitCommand.submit(client, specFile, runId, Map.of("method", method));
                    System.out.println("== submitted run " + runId + " (method " + method + ")");
                }
                if (compare) {
                    RunCost cost = RunCost.start(platform);
                    follow(client, runId, () -> {
                        if (cost.secondsSinceLap(System.nanoTime()) >= LEDGER_LAP_SECONDS) {
                            ledger.add(method, cost.lap(System.nanoTime()));
                        }
                    });
                    ledger.add(method, cost.lap(System.nanoTime()));
                    ledger.finish(method);
                } else {
                    follow(client, runId);
                }
            }
            for (Map.Entry<String, String> run : runs.entrySet()) {
                Path html = ReportCommand.fetch(client, platform, run.getValue());
                BenchmarkResults results = ResultsJson.read(html.resolveSibling("results.json"));
                System.out.println();
                System.out.println("== results of " + run.getValue());
                System.out.print(ResultsTable.format(results));
                System.out.println(barLine(results));
                System.out.println("report: " + html);
            }
            if (compare) {
                System.out.println();
                System.out.print(compareSoFar(client, platform));
            }
        }
        System.out.printf("demo finished in %s. The stack is still running: ./longrecipe status, ./longrecipe down"
                + " to stop it.%n", minutes(System.nanoTime() - started));
        return 0;
    }

    /** The run of one compared method: one per method and stack, resumed by this name. */
    private static String compareRunId(String method) {
        return "compare-" + method;
    }

    /** The comparison of the methods whose {@code compare-<method>} run has finished its evaluation. */
    private static String compareSoFar(RunClient client, Platform platform) throws IOException {
        CompareLedger ledger = CompareLedger.of(platform);
        List<CompareReport.Measured> finished = new ArrayList<>();
        List<String> notFinished = new ArrayList<>();
        for (String method : COMPARED) {
            String runId = compareRunId(method);
            if (client.latestCompleted(runId, Stage.EVALUATOR).isPresent()) {
                finished.add(CompareReport.gather(client, platform, method, runId, ledger));
            } else {
                notFinished.add(method);
            }
        }
        return CompareReport.write(platform.root().resolve("reports/compare"), finished, notFinished);
    }

    /**
     * Parses a demo spec and generates the corpora it names (once, into {@code .stack/demo/data}); the base model must
     * be in place.
     */
    public static RunSpec prepareInputs(Path home, Path specFile) throws java.io.IOException {
        RunSpec parsed = RunSpecs.parse(Files.readString(specFile), Map.of());
        Path baseModel = specFile.toAbsolutePath().getParent().resolve(parsed.baseModel()).normalize();
        if (!Files.isRegularFile(baseModel.resolve("config.json"))) {
            throw new IllegalStateException(baseModel + " is missing; the demo's models ship in demo/ (see"
                    + " demo/README.md), or make one with ./longrecipe make-base-model");
        }
        System.out.println("== preparing the demo's corpora (generated once into .stack/demo/data)");
        DemoCorpora.prepare(home, baseModel, parsed.trainer().extension().steps()
                * parsed.trainer().extension().batchSize());
        return parsed;
    }

    /** Prints a status snapshot whenever it changes, until the evaluator completes or a stage fails. */
    public static void follow(RunClient client, String runId) throws InterruptedException, IOException {
        follow(client, runId, () -> {
        });
    }

    /** Something done between two polls of {@link #follow}. */
    interface Poll {
        void run() throws IOException;
    }

    private static void follow(RunClient client, String runId, Poll everyPoll)
            throws InterruptedException, IOException {
        String last = "";
        while (true) {
            everyPoll.run();
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

    /**
     * Whether the extended model beats the base at 2L by the demo's bar, from the evaluator's niah_single_2 scores
     * (nothing here is expected or fixed: the line says what was measured, either way).
     */
    static String barLine(BenchmarkResults results) {
        List<Integer> lengths = results.settings().lengths();
        if (lengths.size() < 2) {
            return "(no 2L length evaluated: the bar needs " + BAR_TASK + " at two lengths)";
        }
        int twoL = lengths.get(1);
        Double base = single(results, "base", twoL);
        Double extended = single(results, "extended", twoL);
        if (base == null || extended == null) {
            return "(" + BAR_TASK + " at " + twoL + " is missing for base or extended: no bar check)";
        }
        double gain = extended - base;
        return String.format(Locale.ROOT, BAR_TASK + " at 2L = %d tokens: base %.1f, extended %.1f → %+.1f points"
                + " (the demo's bar is +%.0f: %s)", twoL, base, extended, gain, BAR_POINTS,
                gain >= BAR_POINTS ? "passed" : "NOT passed");
    }

    static Double single(BenchmarkResults results, String model, int length) {
        return results.models().stream().filter(m -> m.name().equals(model)).findFirst()
                .map(m -> single(m, length)).orElse(null);
    }

    /** The model's {@value #BAR_TASK} score at {@code length}, or null where it did not run. */
    static Double single(BenchmarkResults.ModelResults model, int length) {
        return model.tasks().stream().filter(t -> t.task().equals(BAR_TASK) && t.length() == length).findFirst()
                .map(BenchmarkResults.TaskScore::score).orElse(null);
    }

    public static String minutes(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
