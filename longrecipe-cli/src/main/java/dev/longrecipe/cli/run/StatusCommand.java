package dev.longrecipe.cli.run;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.StageFailed;
import dev.longrecipe.schema.events.StageProgress;
import dev.longrecipe.stack.ConsumerGroupLag;
import dev.longrecipe.stack.KafkaAdminTools;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code longrecipe status [RUN]}: each stage's attempt, state and progress bar, and each stage's consumer lag. */
@Command(name = "status", description = "Show each stage's attempt, state and progress, and each stage's consumer lag.")
public final class StatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "run id (default: every run)")
    String runId;

    @Override
    public Integer call() {
        try (RunClient client = RunClient.connect(Platform.fromEnvironment())) {
            System.out.print(render(client, runId == null ? client.runs() : List.of(runId)));
        }
        return 0;
    }

    /** One snapshot of the runs and the stage groups' lag, as text. */
    public static String render(RunClient client, List<String> runs) {
        Map<String, StageProgress> progress = new HashMap<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(client.stack().kafkaBootstrap(),
                Topics.STAGE_PROGRESS)) {
            try {
                StageProgress p = Json.MAPPER.readValue(r.value(), StageProgress.class);
                progress.put(p.runId() + "/" + p.stage() + "/" + p.attempt(), p);
            } catch (Exception e) {
                // a malformed progress message is not ours to fix here; status shows what it can
            }
        }
        Map<String, StageFailed> failures = new HashMap<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(client.stack().kafkaBootstrap(),
                Topics.STAGE_FAILED)) {
            try {
                StageFailed f = Json.MAPPER.readValue(r.value(), StageFailed.class);
                failures.put(f.runId() + "/" + f.stage() + "/" + f.attempt(), f);
            } catch (Exception e) {
                // see above
            }
        }
        StringBuilder out = new StringBuilder();
        for (String run : runs) {
            out.append("run ").append(run).append('\n');
            for (Stage stage : Stage.values()) {
                out.append(line(client, run, stage, progress, failures)).append('\n');
            }
        }
        out.append("consumer lag:");
        try (KafkaAdminTools admin = KafkaAdminTools.connect(client.stack().kafkaBootstrap())) {
            for (Stage stage : Stage.values()) {
                ConsumerGroupLag lag = admin.lag(stage.consumerGroup(), List.of(stage.inputTopic()));
                out.append(String.format("  %s %d (%d member%s)", stage.id(), lag.totalLag(), lag.members(),
                        lag.members() == 1 ? "" : "s"));
            }
        }
        return out.append('\n').toString();
    }

    private static String line(RunClient client, String run, Stage stage, Map<String, StageProgress> progress,
            Map<String, StageFailed> failures) {
        List<Integer> attempts = client.attempts(run, stage);
        if (attempts.isEmpty()) {
            return String.format("  %-10s %-8s %-10s", stage.id(), "-", "waiting");
        }
        int attempt = attempts.get(attempts.size() - 1);
        String key = run + "/" + stage.id() + "/" + attempt;
        boolean completed = client.store().exists(ObjectKeys.completed(run, stage, attempt));
        StageProgress p = progress.get(key);
        StageFailed f = failures.get(key);
        String state = completed ? "completed" : f != null ? "failed" : "running";
        double fraction = completed ? 1.0 : p == null ? 0.0 : p.fraction();
        String detail = f != null && !completed ? f.reason() : p == null ? "" : describe(p);
        return String.format("  %-10s %-8d %-10s %s %3.0f%%  %s", stage.id(), attempt, state, bar(fraction),
                100 * fraction, detail);
    }

    private static String describe(StageProgress p) {
        StringBuilder s = new StringBuilder(p.message() == null ? "" : p.message());
        if (p.rate() > 0 && p.rateUnit() != null) {
            String unit = p.rateUnit().endsWith("/s") ? p.rateUnit() : p.rateUnit() + "/s";
            s.append(String.format(Locale.ROOT, "  %.0f %s", p.rate(), unit));
        }
        if (p.etaSeconds() > 0 && !StageProgress.COMPLETED.equals(p.state())) {
            s.append(String.format("  ETA %dm%02ds", (long) p.etaSeconds() / 60, (long) p.etaSeconds() % 60));
        }
        return s.toString();
    }

    static String bar(double fraction) {
        int width = 24;
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
