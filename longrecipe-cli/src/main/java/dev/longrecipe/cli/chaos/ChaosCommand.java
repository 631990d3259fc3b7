package dev.longrecipe.cli.chaos;

import dev.longrecipe.cli.demo.DemoCommand;
import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.cli.platform.StackSupervisor;
import dev.longrecipe.cli.platform.UpCommand;
import dev.longrecipe.cli.run.ReportCommand;
import dev.longrecipe.cli.run.RunClient;
import dev.longrecipe.cli.run.SubmitCommand;
import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.ResultsJson;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.trainer.progress.TrainingLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longrecipe chaos}: the fault suite. Makes (once) a fault-free run of the spec, then a second run of the
 * same spec and seed while {@link FaultSuite} kills every service mid-stage, restarts the broker, stops S3 and
 * re-publishes completed events; then checks that the second run completed with one attempt and one completion
 * event per stage, nothing dead-lettered or failed, no new work for the duplicates, the same object keys and the
 * same results as the fault-free run. Prints the faults and the checks as tables; exits 1 when a check failed.
 */
@Command(name = "chaos", description = "Fault suite: run the demo spec while services, the broker and S3 are killed;"
        + " check that nothing was lost or done twice and the results equal a fault-free run's.")
public final class ChaosCommand implements Callable<Integer> {
    /** The demo's evaluator runs for minutes; it is killed this far in, in the middle of its scoring. */
    private static final Duration EVALUATOR_DELAY = Duration.ofSeconds(60);

    @Option(names = "--spec", description = "run spec (default: demo/spec.yaml)")
    Path spec;

    @Option(names = "--outage", defaultValue = "60", description = "seconds S3 stays down (default ${DEFAULT-VALUE})")
    int outageSeconds;

    @Option(names = "--baseline", description = "a completed fault-free run of the same spec to compare with"
            + " (default: chaos-baseline-<spec hash>, made first and kept)")
    String baseline;

    @Option(names = "--patience", defaultValue = "60", description = "minutes one step of the run may take before the"
            + " suite gives up (default ${DEFAULT-VALUE})")
    int patienceMinutes;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Platform platform = Platform.fromEnvironment();
        Path specFile = spec != null ? spec : platform.home().resolve("demo/spec.yaml");
        DemoCommand.prepareInputs(platform.home(), specFile);
        System.out.println("== starting (or healing) Kafka, S3 and the five services");
        UpCommand.up(platform);
        String runId = "chaos-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMdd-HHmmss"));
        try (RunClient client = RunClient.connect(platform)) {
            String baselineRun = baseline != null ? baseline : "chaos-baseline-" + shortHash(specFile);
            ensureBaseline(client, specFile, baselineRun);
            SubmitCommand.submit(client, specFile, runId, Map.of());
            System.out.println("== submitted run " + runId + "; faults are injected as it runs");
            FaultSuite suite = new FaultSuite(client, new StackSupervisor(platform), runId,
                    Duration.ofSeconds(outageSeconds), EVALUATOR_DELAY, Duration.ofMinutes(patienceMinutes), System.out);
            List<Check> checks = check(client, suite, baselineRun, runId, platform);
            print(System.out, suite.faults(), checks);
            System.out.println("chaos finished in " + DemoCommand.minutes(System.nanoTime() - started));
            return checks.stream().allMatch(Check::passed) ? 0 : 1;
        }
    }

    /** One verdict of the suite. */
    record Check(String what, boolean passed, String detail) {
    }

    /** Runs the faults, then the checks, in the order that keeps them independent (audit before the duplicates). */
    static List<Check> check(RunClient client, FaultSuite suite, String baselineRun, String runId, Platform platform)
            throws Exception {
        suite.run();
        List<Check> checks = new ArrayList<>();
        List<String> missed = suite.faults().stream().filter(f -> f.when().equals(FaultSuite.MISSED))
                .map(FaultSuite.Fault::fault).toList();
        checks.add(new Check("every fault was injected while its stage ran", missed.isEmpty(),
                "missed (the stage finished first): " + String.join(", ", missed)));
        RunAudit audit = new RunAudit(client, runId);
        List<String> problems = audit.problems();
        checks.add(new Check("run completed; every stage one attempt, its completion published once; no stage.failed,"
                + " nothing dead-lettered, no checkpoint announced twice", problems.isEmpty(), String.join("; ", problems)));

        checks.add(trainerStopCheck(client, suite, runId));

        Map<String, Integer> before = suite.recordCounts();
        suite.republishCompletions();
        Map<String, Integer> after = suite.recordCounts();
        List<String> extra = new ArrayList<>();
        for (Map.Entry<String, Integer> e : after.entrySet()) {
            int sentBySuite = isOutputTopic(e.getKey()) ? 1 : 0;
            int added = e.getValue() - before.getOrDefault(e.getKey(), 0) - sentBySuite;
            if (added != 0) {
                extra.add(e.getKey() + " " + (added > 0 ? "+" : "") + added);
            }
        }
        checks.add(new Check("re-published completions: no new work, no new events", extra.isEmpty(),
                extra.isEmpty() ? "" : "records beyond the suite's own: " + String.join(", ", extra)));

        // a trainer stopped between two periodic checkpoints wrote one more: its announcement record stays
        List<String> keys = RunAudit.keyDifferences(new RunAudit(client, baselineRun).objectKeys(), audit.objectKeys())
                .stream().filter(d -> !(d.startsWith("+") && suite.trainerStop()
                        .map(stop -> stop.explains(d.substring(1))).orElse(false))).toList();
        checks.add(new Check("object keys equal the fault-free run's (but for the stopped trainer's own checkpoint)",
                keys.isEmpty(),
                keys.isEmpty() ? "" : String.join(", ", keys.subList(0, Math.min(10, keys.size())))
                        + (keys.size() > 10 ? " … (" + keys.size() + " in all)" : "")));

        List<String> results = RunAudit.resultDifferences(results(client, platform, baselineRun),
                results(client, platform, runId));
        checks.add(new Check("results equal the fault-free run's (scores, answers, perplexity)", results.isEmpty(),
                String.join("; ", results)));
        return checks;
    }

    /**
     * The trainer got SIGTERM while training: it must have exited by itself with the steps it had reported in a
     * checkpoint, and the restarted trainer must have resumed from that checkpoint (its training log's phase line).
     */
    static Check trainerStopCheck(RunClient client, FaultSuite suite, String runId) throws IOException {
        String what = "the trainer stopped by SIGTERM saved the steps it had done and resumed from them";
        Optional<FaultSuite.TrainerStop> stop = suite.trainerStop();
        if (stop.isEmpty()) {
            return new Check(what, false, "the trainer was not stopped");
        }
        FaultSuite.TrainerStop s = stop.get();
        List<Long> resumedFrom = new ArrayList<>();
        String log = client.store().getText(ObjectKeys.attempt(runId, Stage.TRAINER, 1) + TrainingLog.FILE);
        for (String line : log.split("\n")) {
            JsonNode node = line.isBlank() ? null : Json.MAPPER.readTree(line);
            if (node != null && "phase".equals(node.path("type").asText())
                    && "extension".equals(node.path("phase").asText())) {
                resumedFrom.add(node.path("resumedFromStep").asLong());
            }
        }
        boolean passed = s.exitedByItself() && s.checkpointStep() >= s.reportedStep()
                && resumedFrom.contains(s.checkpointStep());
        return new Check(what, passed, "SIGTERM at reported step " + s.reportedStep() + "; "
                + (s.exitedByItself() ? "exited by itself" : "killed after the grace") + "; newest checkpoint step "
                + s.checkpointStep() + "; extension phase started from steps " + resumedFrom);
    }

    private static boolean isOutputTopic(String topic) {
        for (Stage stage : Stage.values()) {
            if (stage.outputTopic().equals(topic)) {
                return true;
            }
        }
        return false;
    }

    private static BenchmarkResults results(RunClient client, Platform platform, String runId) throws Exception {
        Path html = ReportCommand.fetch(client, platform, runId);
        return ResultsJson.read(html.resolveSibling("results.json"));
    }

    private static void ensureBaseline(RunClient client, Path specFile, String baselineRun) throws Exception {
        if (client.latestCompleted(baselineRun, Stage.EVALUATOR).isPresent()) {
            System.out.println("== fault-free run " + baselineRun + " already measured; compared with it");
            return;
        }
        if (!client.store().exists(ObjectKeys.spec(baselineRun))) {
            SubmitCommand.submit(client, specFile, baselineRun, Map.of());
        }
        System.out.println("== fault-free run " + baselineRun + " first (kept for the next chaos run)");
        DemoCommand.follow(client, baselineRun);
    }

    private static String shortHash(Path specFile) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readString(specFile)
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 4);
    }

    /** The faults and the checks as Markdown tables (they go into the README as printed). */
    static void print(PrintStream out, List<FaultSuite.Fault> faults, List<Check> checks) {
        out.println();
        out.println("| fault injected | when | observed |");
        out.println("|---|---|---|");
        faults.forEach(f -> out.println("| " + f.fault() + " | " + f.when() + " | " + f.observed() + " |"));
        out.println();
        out.println("| check | result |");
        out.println("|---|---|");
        checks.forEach(c -> out.println("| " + c.what() + " | " + (c.passed() ? "pass" : "FAIL: " + c.detail())
                + " |"));
    }
}
