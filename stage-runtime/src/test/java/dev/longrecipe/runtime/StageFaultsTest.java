package dev.longrecipe.runtime;

import static dev.longrecipe.runtime.TestStack.read;
import static dev.longrecipe.runtime.TestStack.readText;
import static dev.longrecipe.runtime.TestStack.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.runtime.StageRunnerTest.ScriptedHandler;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.StageProgress;
import dev.longrecipe.stack.StackServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into the real test stack: the S3 server killed and restarted on the same port during an attempt,
 * a broker that is not there for progress, scratch of a killed attempt.
 */
class StageFaultsTest {
    @TempDir
    Path workRoot;

    @Test
    void s3OutageDuringTheUploadsIsRiddenOutAndTheAttemptCompletesWithOneCompletionAndNoDeadLetter() throws Exception {
        String runId = TestStack.newRunId("s3-outage");
        TestStack.submitSpec(runId);
        var stack = TestStack.stack();
        AtomicReference<Throwable> restartFailure = new AtomicReference<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicReference<StageRunner> runnerRef = new AtomicReference<>();
        AtomicReference<Boolean> sawWaiting = new AtomicReference<>(false);
        ScriptedHandler handler = new ScriptedHandler((ctx, invocation) -> {
            // earlier work of the attempt: one checkpoint uploaded before the outage
            ctx.store().putText(ctx.attemptPrefix() + "checkpoints/step-1/weights.txt", "1");
            for (int i = 0; i < 5; i++) {
                Files.writeString(Files.createDirectories(ctx.outputDir().resolve("model")).resolve("part-" + i),
                        "part " + i);
            }
            stack.kill(StackServer.S3);
            Thread restarter = new Thread(() -> {
                try {
                    Thread.sleep(3_000);
                    sawWaiting.set(!runnerRef.get().outages().current().isEmpty()
                            && registry.get("longrecipe.stage.waiting").tag("for", "s3").gauge().value() == 1);
                    stack.heal(java.util.EnumSet.of(StackServer.S3));
                } catch (Throwable e) {
                    restartFailure.set(e);
                }
            }, "s3-restarter");
            restarter.setDaemon(true);
            restarter.start();
            // this upload waits for S3 to come back; the output folder's uploads follow after the handler returns
            ctx.store().putText(ctx.attemptPrefix() + "checkpoints/step-2/weights.txt", "2");
            return StageRunnerTest.mergeLike(ctx, invocation);
        });
        StageRunner runner = new StageRunner(handler, store(), TestStack.publisher(), registry,
                new RunnerSettings(workRoot, new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(1),
                        Duration.ofSeconds(90)), Duration.ofHours(1)));
        runnerRef.set(runner);

        Outcome outcome = runner.handle(new InboundRecord(Topics.CHECKPOINT_READY, 0, 1, runId,
                Json.write(StageRunnerTest.replayComplete(runId, false)).getBytes(StandardCharsets.UTF_8)));

        assertThat(restartFailure.get()).isNull();
        assertThat(outcome).isEqualTo(Outcome.COMPLETED);
        assertThat(handler.runs).as("the attempt is not restarted").hasSize(1);
        assertThat(sawWaiting.get()).as("readiness data and gauge said it waited for S3").isTrue();
        assertThat(runner.outages().current()).isEmpty();
        assertThat(registry.get("longrecipe.stage.waiting").tag("for", "s3").gauge().value()).isZero();
        assertThat(readText(Topics.MODEL_MERGED, runId)).hasSize(1);
        assertThat(readText(Topics.STAGE_FAILED, runId)).isEmpty();
        assertThat(read(Stage.MERGER.deadLetterTopic(), runId)).isEmpty();
        String prefix = ObjectKeys.attempt(runId, Stage.MERGER, 1);
        assertThat(store().list(prefix)).contains(prefix + "checkpoints/step-1/weights.txt",
                prefix + "checkpoints/step-2/weights.txt", prefix + "model/part-0", prefix + "model/part-4",
                prefix + "_completed.json", prefix + "_announced.json");
        List<StageProgress> progress = readText(Topics.STAGE_PROGRESS, runId).stream()
                .map(json -> Events.<StageProgress>parse(Topics.STAGE_PROGRESS, json).payload()).toList();
        assertThat(progress).anySatisfy(p -> assertThat(p.message()).startsWith("waiting for S3 (")
                .contains(" since "));
        runner.close();
    }

    @Test
    void closedProducerAtShutdownLeavesTheMessageUnacknowledgedAndTheRedeliveryAnnouncesTheCompletionOnce() {
        String runId = TestStack.newRunId("shutdown");
        TestStack.submitSpec(runId);
        ScriptedHandler handler = new ScriptedHandler(StageRunnerTest::mergeLike);
        InboundRecord message = new InboundRecord(Topics.CHECKPOINT_READY, 0, 2, runId,
                Json.write(StageRunnerTest.replayComplete(runId, false)).getBytes(StandardCharsets.UTF_8));
        KafkaEventPublisher closing = new KafkaEventPublisher(Map.of("bootstrap.servers",
                TestStack.stack().kafkaBootstrap()));
        closing.close(); // the service is shutting down while the attempt finishes
        StageRunner stopping = new StageRunner(handler, store(), closing, new SimpleMeterRegistry(),
                new RunnerSettings(workRoot, StageRunnerTest.SHORT, Duration.ofHours(1)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stopping.handle(message))
                .isInstanceOf(EventPublishException.class).hasMessageContaining("shutting down");
        stopping.close();
        String prefix = ObjectKeys.attempt(runId, Stage.MERGER, 1);
        assertThat(store().exists(prefix + "_completed.json")).isTrue();
        assertThat(store().exists(prefix + "_announced.json")).isFalse();
        assertThat(readText(Topics.STAGE_FAILED, runId)).as("a shutdown is not a failure").isEmpty();
        assertThat(read(Stage.MERGER.deadLetterTopic(), runId)).isEmpty();

        // after the restart the message is redelivered: the stored completion is announced, no work is redone
        StageRunner restarted = new StageRunner(handler, store(), TestStack.publisher(), new SimpleMeterRegistry(),
                new RunnerSettings(workRoot, StageRunnerTest.SHORT, Duration.ofHours(1)));
        assertThat(restarted.handle(message)).isEqualTo(Outcome.REPUBLISHED);
        assertThat(restarted.handle(message)).isEqualTo(Outcome.DUPLICATE);
        restarted.close();
        assertThat(handler.runs).hasSize(1);
        assertThat(readText(Topics.MODEL_MERGED, runId)).hasSize(1);
    }

    @Test
    void progressWithTheBrokerAwayNeverBlocksTheWorkAndCountsWhatItDrops() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StageMetrics metrics = new StageMetrics(registry, Stage.TRAINER);
        // a real producer with no broker behind its address: every send waits out max.block.ms
        try (KafkaEventPublisher away = new KafkaEventPublisher(Map.of("bootstrap.servers", "127.0.0.1:9",
                "max.block.ms", 5_000, "delivery.timeout.ms", 5_000, "request.timeout.ms", 4_000));
                ProgressSender sender = new ProgressSender(away, metrics, "trainer")) {
            ProgressReporter reporter = new ProgressReporter.Channel(Stage.TRAINER, sender, metrics, Duration.ZERO)
                    .reporter("run-away", 1);
            int reports = 500;
            for (int i = 1; i <= reports; i++) {
                reporter.report(i / (double) reports, 10, "tokens/s", "step " + i, Map.of("loss", 1.0));
            }
            reporter.finished(StageProgress.COMPLETED, "done");

            assertThat(metrics.progress()).isEqualTo(1.0);
            // at most the queue plus the one in flight can still be waiting for the broker; the rest were dropped
            assertThat(registry.get("longrecipe.stage.progress.dropped").counter().count())
                    .isGreaterThanOrEqualTo(reports + 1 - ProgressSender.CAPACITY - 1);
        }
    }

    @Test
    void scratchOfAttemptsWhoseProcessIsGoneIsDeletedAtStartUpAndLiveOnesAreKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = Files.createDirectories(workRoot.resolve("merger-run-1-1-abc"));
        Files.writeString(dead.resolve(ScratchFolders.OWNER_FILE), gone.pid() + " 0");
        Files.write(Files.createDirectories(dead.resolve("work")).resolve("big.bin"), new byte[100_000]);
        Path legacy = Files.createDirectories(workRoot.resolve("merger-run-1-2-def")); // no owner file
        Files.write(legacy.resolve("x"), new byte[1_000]);
        Path live = new ScratchFolders(workRoot, Stage.MERGER).create("run-1", 3);
        Path otherStage = Files.createDirectories(workRoot.resolve("trainer-run-1-1-ghi"));

        StageRunner runner = new StageRunner(new ScriptedHandler(StageRunnerTest::mergeLike), store(),
                TestStack.publisher(), new SimpleMeterRegistry(), new RunnerSettings(workRoot, RetryPolicy.NONE,
                        Duration.ofSeconds(1)));
        long freed = runner.cleanDeadScratch();
        runner.close();

        assertThat(dead).doesNotExist();
        assertThat(legacy).doesNotExist();
        assertThat(live).exists();
        assertThat(otherStage).as("another stage's folders are its own business").exists();
        assertThat(freed).isGreaterThanOrEqualTo(101_000);
    }
}
