package dev.longrecipe.cli.run;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.cli.platform.StackSupervisor;
import dev.longrecipe.cli.platform.StackSupervisor.ComponentHealth;
import dev.longrecipe.runtime.TopicReader;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.Payload;
import dev.longrecipe.schema.events.StageFailed;
import dev.longrecipe.schema.events.StageProgress;
import dev.longrecipe.stack.ConsumerGroupLag;
import dev.longrecipe.stack.KafkaAdminTools;
import dev.longrecipe.stack.ProcessHealth;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code longrecipe status [RUN]}: the stack's components, each stage's attempt, state and progress bar, and each
 * stage's consumer lag. It tells the truth about a half-dead stack: a component that is down is named with the fix
 * ({@code ./longrecipe up}), and a stage whose work has no consumer is "stalled", not "running … ETA".
 */
@Command(name = "status", description = "Show the stack's components, each stage's attempt, state and progress, and"
        + " each stage's consumer lag.")
public final class StatusCommand implements Callable<Integer> {
    /** How long a running service may take to answer before status calls it not answering. */
    private static final Duration SERVICE_PATIENCE = Duration.ofSeconds(3);

    @Parameters(index = "0", arity = "0..1", description = "run id (default: every run)")
    String runId;

    @Override
    public Integer call() throws Exception {
        Platform platform = Platform.fromEnvironment();
        List<ComponentHealth> health = new StackSupervisor(platform).check(SERVICE_PATIENCE);
        if (health.isEmpty()) {
            throw new IllegalStateException("the local stack is not running: start it with ./longrecipe up");
        }
        System.out.print(stackLines(health));
        if (health.stream().filter(c -> c.component().equals("kafka") || c.component().equals("s3"))
                .anyMatch(c -> !c.up())) {
            System.out.println("run status needs Kafka and S3: run ./longrecipe up to restart what is down (on the"
                    + " same ports; the services reconnect by themselves), then ./longrecipe status again");
            return 1;
        }
        try (RunClient client = RunClient.connect(platform)) {
            List<String> known = client.runs();
            if (runId != null && !known.contains(runId)) {
                throw new IllegalArgumentException("no run '" + runId + "' in the local stack (bucket "
                        + client.stack().bucket() + "): " + (known.isEmpty() ? "no run was submitted yet"
                        : "the runs there are " + String.join(", ", known))
                        + ". Check the id ./longrecipe submit printed; ./longrecipe status lists every run");
            }
            System.out.print(render(client, runId == null ? known : List.of(runId), services(health)));
        }
        return 0;
    }

    /**
     * One line for a healthy stack; otherwise one line per component that is down, with the fix.
     */
    static String stackLines(List<ComponentHealth> health) {
        List<ComponentHealth> down = health.stream().filter(c -> !c.up()).toList();
        if (down.isEmpty()) {
            return "stack: " + health.stream().map(ComponentHealth::component).collect(Collectors.joining(", "))
                    + " up\n";
        }
        StringBuilder out = new StringBuilder("stack: " + down.size() + " of " + health.size()
                + " components down; ./longrecipe up restarts only those (the others keep their work)\n");
        for (ComponentHealth c : down) {
            out.append(String.format("  %-10s %s%n", c.component(), c.describe()));
        }
        return out.toString();
    }

    private static Map<Stage, ProcessHealth> services(List<ComponentHealth> health) {
        Map<Stage, ProcessHealth> services = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            health.stream().filter(c -> c.component().equals(stage.id())).findFirst()
                    .ifPresent(c -> services.put(stage, c.health()));
        }
        return services;
    }

    /** One snapshot of the runs and the stage groups' lag, as text (stage services' health unknown). */
    public static String render(RunClient client, List<String> runs) {
        return render(client, runs, Map.of());
    }

    /** The last payload on {@code topic} of each run/stage/attempt (the key), read from the topic's start. */
    private static <P extends Payload> Map<String, P> latestByAttempt(RunClient client, String topic,
                                                                      Function<P, String> stage) {
        Map<String, P> latest = new HashMap<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(client.stack().kafkaBootstrap(), topic)) {
            try {
                Event<P> event = Events.parse(topic, r.value());
                latest.put(event.header().runId() + "/" + stage.apply(event.payload()) + "/" + event.header().attempt(),
                        event.payload());
            } catch (Exception e) {
                // a malformed message is not ours to fix here; status shows what it can
            }
        }
        return latest;
    }

    /**
     * One snapshot of the runs and the stage groups' lag, as text.
     *
     * @param services the stage services' health where known: a service that is down stalls its stage at once,
     *                 before Kafka notices its consumer is gone (up to 45 s, the session timeout)
     */
    static String render(RunClient client, List<String> runs, Map<Stage, ProcessHealth> services) {
        Map<String, StageProgress> progress = latestByAttempt(client, Topics.STAGE_PROGRESS, StageProgress::stage);
        Map<String, StageFailed> failures = latestByAttempt(client, Topics.STAGE_FAILED, StageFailed::stage);
        Map<Stage, Consumers> consumers = new EnumMap<>(Stage.class);
        try (KafkaAdminTools admin = KafkaAdminTools.connect(client.stack().kafkaBootstrap())) {
            for (Stage stage : Stage.values()) {
                ConsumerGroupLag lag = admin.lag(stage.consumerGroup(), List.of(stage.inputTopic()));
                consumers.put(stage, new Consumers(lag.members(), lag.totalLag(), services.get(stage)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String run : runs) {
            out.append("run ").append(run).append('\n');
            boolean previousCompleted = true;
            for (Stage stage : Stage.values()) {
                List<Integer> attempts = client.attempts(run, stage);
                int attempt = attempts.isEmpty() ? 0 : attempts.get(attempts.size() - 1);
                String key = run + "/" + stage.id() + "/" + attempt;
                boolean completed = attempt > 0 && client.store().exists(ObjectKeys.completed(run, stage, attempt));
                out.append(stageLine(stage, attempt, completed, previousCompleted, failures.get(key),
                        progress.get(key), consumers.get(stage))).append('\n');
                previousCompleted = completed;
            }
        }
        out.append("consumer lag:");
        consumers.forEach((stage, c) -> out.append(String.format("  %s %d (%d member%s)", stage.id(), c.lag(),
                c.members(), c.members() == 1 ? "" : "s")));
        return out.append('\n').toString();
    }

    /**
     * A stage's consumer group as status sees it.
     *
     * @param service the stage service's health, null when unknown
     */
    record Consumers(int members, long lag, ProcessHealth service) {
        /** Nobody consumes the stage's input: no member in its group, or its service is known to be down. */
        boolean none() {
            return members == 0 || (service != null && service != ProcessHealth.UP);
        }
    }

    /**
     * One stage of one run. A stage with work but no consumer is "stalled" with the reason and the fix: an attempt
     * that is neither completed nor failed, or — for a stage not started yet — input waiting in its topic once the
     * stage before it completed.
     *
     * @param attempt           the latest attempt, 0 when none was started
     * @param previousCompleted the stage before this one completed (true for the first stage)
     */
    static String stageLine(Stage stage, int attempt, boolean completed, boolean previousCompleted,
                            StageFailed failure, StageProgress progress, Consumers consumers) {
        if (attempt == 0) {
            if (previousCompleted && consumers.lag() > 0 && consumers.none()) {
                return String.format("  %-10s %-8s %-10s %s", stage.id(), "-", "stalled", stallReason(stage, consumers));
            }
            return String.format("  %-10s %-8s %-10s", stage.id(), "-", "waiting");
        }
        boolean failed = failure != null && !completed;
        boolean stalled = !completed && !failed && consumers.none();
        String state = completed ? "completed" : failed ? "failed" : stalled ? "stalled" : "running";
        double fraction = completed ? 1.0 : progress == null ? 0.0 : progress.fraction();
        String detail = failed ? failure.reason()
                : stalled ? stallReason(stage, consumers) + describe(progress, false)
                : progress == null ? "" : describe(progress, true);
        return String.format("  %-10s %-8d %-10s %s %3.0f%%  %s", stage.id(), attempt, state, bar(fraction),
                100 * fraction, detail);
    }

    private static String stallReason(Stage stage, Consumers consumers) {
        String service = "the " + stage.id() + " service";
        if (consumers.service() == ProcessHealth.EXITED || consumers.service() == ProcessHealth.NOT_ANSWERING) {
            return "(no consumer: " + service + " is down; `./longrecipe up` restarts it)";
        }
        return "(no consumer: " + service + " is not in its consumer group — down, or cannot reach Kafka;"
                + " `./longrecipe up` restarts it if it is down, else see its log in .stack/state/logs)";
    }

    /** The progress message and rate; the ETA only while someone is working on it. */
    private static String describe(StageProgress p, boolean withEta) {
        if (p == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(p.message() == null ? "" : p.message());
        if (!withEta) {
            return s.isEmpty() ? "" : "  last: " + s;
        }
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
