package dev.longrecipe.cli.chaos;

import dev.longrecipe.cli.platform.StackSupervisor;
import dev.longrecipe.cli.run.RunClient;
import dev.longrecipe.cli.run.StatusCommand;
import dev.longrecipe.runtime.TopicReader;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.StageProgress;
import dev.longrecipe.stack.KafkaAdminTools;
import dev.longrecipe.trainer.checkpoint.CheckpointFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Injects the operator's faults into one real run on the local stack, each at its moment, and brings every killed
 * component back the way an operator (or a supervisor) would:
 * <ol>
 *   <li>kill -9 of the analyzer, the segmenter, the merger and the evaluator while their attempt is in progress;</li>
 *   <li>kill -9 of the trainer after its first checkpoint is in S3;</li>
 *   <li>SIGTERM to the trainer once it trained past that checkpoint again (as {@code kubectl delete pod} or a node
 *       drain): it must save the steps done in a checkpoint and exit by itself; it is then started again;</li>
 *   <li>a broker restart (kill -9, a few seconds down, back on its port) after the trainer's next checkpoint;</li>
 *   <li>S3 stopped for {@code outage} after the checkpoint after that (the next upload meets the outage);</li>
 * </ol>
 * and, once the run completed, {@link #republishCompletions} sends every stage's completion again (a duplicate input
 * for the next stage).
 * It records what it did; whether the run came through is {@link RunAudit}'s call.
 */
final class FaultSuite {
    /** The {@code when} of a fault whose moment passed before it could be injected. */
    static final String MISSED = "missed";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(5);
    private static final Duration SERVICE_DOWN = Duration.ofSeconds(2);

    /** One injected fault: what, when, and what the suite saw. */
    record Fault(String fault, String when, String observed) {
    }

    /**
     * The trainer's polite stop: the extension step it had reported when it got SIGTERM, the newest extension step
     * checkpoint in S3 once it had exited, and whether it exited by itself (not killed after the grace).
     */
    record TrainerStop(long reportedStep, long checkpointStep, boolean exitedByItself) {
        /**
         * Whether a key only the faulted run has (relative to the run's prefix) is the checkpoint this stop wrote
         * between two periodic ones, or its announcement record, which stays after keepLast retired the checkpoint.
         */
        boolean explains(String addedKey) {
            String step = "step-" + checkpointStep;
            return addedKey.equals(Stage.TRAINER.id() + "/1/_announced/extension/" + step + ".json")
                    || addedKey.startsWith(Stage.TRAINER.id() + "/1/extension/" + step + "/");
        }
    }

    private final RunClient client;
    private final StackSupervisor supervisor;
    private final String runId;
    private final Duration outage;
    private final Duration evaluatorDelay;
    private final Duration patience;
    private final PrintStream out;
    private final List<Fault> faults = new ArrayList<>();
    private final Set<String> checkpointsSeen = new HashSet<>();
    private final long started = System.nanoTime();
    private String lastStatus = "";
    private TrainerStop trainerStop;

    /**
     * @param evaluatorDelay how long the evaluator runs before it is killed (the stage is long: a kill at its start
     *                       would only interrupt its downloads)
     * @param patience how long one moment (a claim, a checkpoint, the completion) may take to come before the suite
     *                 gives up on the run
     */
    FaultSuite(RunClient client, StackSupervisor supervisor, String runId, Duration outage,
            Duration evaluatorDelay, Duration patience, PrintStream out) {
        this.client = client;
        this.supervisor = supervisor;
        this.runId = runId;
        this.outage = outage;
        this.evaluatorDelay = evaluatorDelay;
        this.patience = patience;
        this.out = out;
    }

    List<Fault> faults() {
        return List.copyOf(faults);
    }

    /** The trainer's polite stop, once injected. */
    Optional<TrainerStop> trainerStop() {
        return Optional.ofNullable(trainerStop);
    }

    /** Injects the faults of the run; returns when the run's evaluation completed. */
    void run() throws IOException, InterruptedException {
        killWhileRunning(Stage.ANALYZER, Duration.ZERO);
        killWhileRunning(Stage.SEGMENTER, Duration.ZERO);
        awaitCheckpoints(1);
        killAndRestart(Stage.TRAINER.id(), SERVICE_DOWN, "after " + checkpointsSeen.size() + " checkpoint(s)");
        stopTrainerWhileTraining();
        awaitCheckpoints(checkpointsSeen.size() + 1);
        killAndRestart("kafka", BROKER_DOWN, "trainer after " + checkpointsSeen.size() + " checkpoint(s)");
        awaitCheckpoints(checkpointsSeen.size() + 1);
        killAndRestart("s3", outage, "trainer after " + checkpointsSeen.size() + " checkpoint(s)");
        killWhileRunning(Stage.MERGER, Duration.ZERO);
        killWhileRunning(Stage.EVALUATOR, evaluatorDelay);
        await("the evaluation", () -> completed(Stage.EVALUATOR));
    }

    /** Kills a stage's service once its attempt is claimed and {@code into} has passed, unless it completes first. */
    private void killWhileRunning(Stage stage, Duration into) throws IOException, InterruptedException {
        await(stage.id() + "'s attempt to start", () -> claimed(stage) || completed(stage));
        if (!into.isZero()) {
            long until = System.nanoTime() + into.toNanos();
            await(stage.id() + " to run " + into.toSeconds() + " s", () -> System.nanoTime() >= until || completed(stage));
        }
        if (completed(stage)) {
            faults.add(new Fault("kill -9 " + stage.id(), MISSED, "the stage completed before the suite saw it"
                    + " running; nothing injected"));
            out.println("!! " + stage.id() + " completed before it could be killed");
            return;
        }
        killAndRestart(stage.id(), SERVICE_DOWN, "attempt 1 in progress, " + seconds() + " into the run");
    }

    /**
     * SIGTERM to the trainer once it reports an extension step past its newest checkpoint: it must finish that step,
     * write a checkpoint of the steps done and exit by itself; it is started again {@code SERVICE_DOWN} later.
     */
    private void stopTrainerWhileTraining() throws IOException, InterruptedException {
        String fault = "SIGTERM trainer service (as kubectl delete pod), restarted " + SERVICE_DOWN.toSeconds()
                + " s later";
        long checkpointed = newestExtensionCheckpoint();
        await("the trainer to train past step " + checkpointed,
                () -> reportedExtensionStep() > checkpointed || completed(Stage.TRAINER));
        long reported = reportedExtensionStep();
        if (completed(Stage.TRAINER) || reported < 0) {
            faults.add(new Fault(fault, MISSED, "the extension phase ended before the suite saw it train"));
            out.println("!! the trainer left its extension phase before it could be stopped");
            return;
        }
        out.println("== fault: " + fault + " — extension step " + reported + " reported, step " + checkpointed
                + " checkpointed");
        long stopping = System.nanoTime();
        boolean exited = supervisor.stop(Stage.TRAINER.id());
        String took = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - stopping) / 1e9);
        long saved = newestExtensionCheckpoint();
        trainerStop = new TrainerStop(reported, saved, exited);
        out.println("   trainer " + (exited ? "exited by itself in " : "was killed after ") + took
                + "; newest checkpoint: extension step " + saved);
        Thread.sleep(SERVICE_DOWN.toMillis());
        var recovery = supervisor.restartIfDead(Stage.TRAINER.id());
        out.println("   trainer: " + recovery.was() + " → " + recovery.action());
        faults.add(new Fault(fault, "extension step " + reported + " reported, step " + checkpointed
                + " checkpointed", (exited ? "exited by itself in " + took : "killed after " + took + ", not stopped")
                + ", newest checkpoint then step " + saved + "; " + recovery.action()));
    }

    /** The newest extension step checkpoint of the run's trainer attempt complete in S3; 0 when there is none. */
    private long newestExtensionCheckpoint() {
        String prefix = ObjectKeys.attempt(runId, Stage.TRAINER, 1) + "extension/step-";
        return completeCheckpoints().stream().filter(key -> key.startsWith(prefix))
                .mapToLong(key -> Long.parseLong(key.substring(prefix.length(), key.indexOf('/', prefix.length()))))
                .max().orElse(0);
    }

    /** The {@code trainer-checkpoint.json} keys of the run's trainer attempt: one per checkpoint complete in S3. */
    private List<String> completeCheckpoints() {
        return client.store().list(ObjectKeys.attempt(runId, Stage.TRAINER, 1)).stream()
                .filter(key -> key.endsWith("/" + CheckpointFiles.META_FILE)).toList();
    }

    /** The last extension step the run's trainer reported on {@code stage.progress}; -1 before the first. */
    private long reportedExtensionStep() {
        long step = -1;
        for (ConsumerRecord<String, String> r : TopicReader.readAll(client.stack().kafkaBootstrap(),
                Topics.STAGE_PROGRESS)) {
            if (!runId.equals(r.key())) {
                continue;
            }
            StageProgress p = Events.<StageProgress>parse(Topics.STAGE_PROGRESS, r.value()).payload();
            if (p.stage().equals(Stage.TRAINER.id()) && p.message() != null && p.message().startsWith("extension step")
                    && p.metrics().containsKey("step")) {
                step = p.metrics().get("step").longValue();
            }
        }
        return step;
    }

    private void killAndRestart(String component, Duration down, String when) throws IOException,
            InterruptedException {
        String fault = switch (component) {
            case "kafka" -> "Kafka broker restarted (kill -9, " + down.toSeconds() + " s down)";
            case "s3" -> "S3 stopped for " + down.toSeconds() + " s (kill -9, then restarted)";
            default -> "kill -9 " + component + " service, restarted " + down.toSeconds() + " s later";
        };
        out.println("== fault: " + fault + " — " + when);
        supervisor.kill(component);
        Thread.sleep(down.toMillis());
        var recovery = supervisor.restartIfDead(component);
        out.println("   " + component + ": " + recovery.was() + " → " + recovery.action());
        faults.add(new Fault(fault, when, component + " " + recovery.was() + ", " + recovery.action()));
    }

    /** Sends every stage's stored completion once more, then waits until every stage group has consumed it. */
    void republishCompletions() throws InterruptedException {
        int sent = 0;
        for (Stage stage : Stage.values()) {
            String json = client.store().getText(ObjectKeys.completed(runId, stage, 1));
            client.publishJson(stage.outputTopic(), runId, json);
            sent++;
        }
        out.println("== fault: " + sent + " completed events re-published");
        await("every stage group to consume the duplicates", this::noLag);
        faults.add(new Fault("completed events re-published (" + sent + ")", "after the run completed",
                "consumed by every stage group"));
    }

    private void awaitCheckpoints(int count) throws InterruptedException {
        await(count + " trainer checkpoint(s) in S3", () -> {
            checkpointsSeen.addAll(completeCheckpoints());
            return checkpointsSeen.size() >= count || completed(Stage.TRAINER);
        });
    }

    /** Polls {@code condition}, printing the run's status when it changes; fails when the run failed or stalls. */
    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long lastStatusAt = 0;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - lastStatusAt > Duration.ofSeconds(3).toNanos()) {
                printStatus();
                lastStatusAt = System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + patience.toMinutes() + " min for " + what + " of run "
                        + runId + "; see ./longrecipe status " + runId + " and the logs in .stack/state/logs");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void printStatus() {
        String now;
        try {
            now = StatusCommand.render(client, List.of(runId));
        } catch (RuntimeException e) {
            // status needs the broker and S3, which the suite itself takes away now and then
            out.println("   (status unavailable: " + e.getMessage() + ")");
            return;
        }
        if (!now.equals(lastStatus)) {
            out.print(now);
            lastStatus = now;
        }
        if (now.contains(" failed ")) {
            throw new IllegalStateException("run " + runId + " failed under the faults (see above)");
        }
    }

    private boolean claimed(Stage stage) {
        return client.store().exists(ObjectKeys.claim(runId, stage, 1));
    }

    private boolean completed(Stage stage) {
        return client.store().exists(ObjectKeys.completed(runId, stage, 1));
    }

    private boolean noLag() {
        try (KafkaAdminTools admin = KafkaAdminTools.connect(client.stack().kafkaBootstrap())) {
            for (Stage stage : Stage.values()) {
                if (admin.lag(stage.consumerGroup(), List.of(stage.inputTopic())).totalLag() > 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Records keyed by the run on every topic a fault could leave a trace on, by topic. */
    Map<String, Integer> recordCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> topics = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            topics.add(stage.outputTopic());
            topics.add(stage.deadLetterTopic());
        }
        topics.add(Topics.STAGE_FAILED);
        for (String topic : topics) {
            counts.put(topic, (int) TopicReader.readAll(client.stack().kafkaBootstrap(), topic).stream()
                    .filter(r -> runId.equals(r.key())).count());
        }
        return counts;
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - started) / 1e9);
    }
}
