package dev.longrecipe.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.ModelMerged;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.StageFailed;
import dev.longrecipe.schema.events.StageProgress;
import dev.longrecipe.schema.spec.MergeSetting;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StageRunner's logic (attempts, idempotency, uploads, announcements, failures, dead letters, progress) on a bucket in
 * a local folder, with every message it publishes recorded: no broker, no S3 server. {@link StageRunnerOnStackTest}
 * and {@link StageFaultsTest} run it against the real ones.
 */
class StageRunnerTest {
    @TempDir
    Path workRoot;
    @TempDir
    Path bucketRoot;

    private LocalObjectStore store;
    private final RecordingPublisher published = new RecordingPublisher();

    /** A merger-shaped stage whose work is given per test; it records every context it ran with. */
    static final class ScriptedHandler implements StageHandler<CheckpointReady> {
        interface Work {
            Event<?> run(StageContext<CheckpointReady> ctx, int invocation) throws Exception;
        }

        final List<StageContext<CheckpointReady>> runs = new ArrayList<>();
        private final Work work;

        ScriptedHandler(Work work) {
            this.work = work;
        }

        @Override
        public Stage stage() {
            return Stage.MERGER;
        }

        @Override
        public boolean accepts(CheckpointReady payload) {
            return payload.lastOfRun();
        }

        @Override
        public Event<?> run(StageContext<CheckpointReady> ctx) throws Exception {
            runs.add(ctx);
            return work.run(ctx, runs.size());
        }
    }

    /** Writes model/weights.txt into the output folder and completes with a ModelMerged pointing at it. */
    static Event<ModelMerged> mergeLike(StageContext<CheckpointReady> ctx, int invocation) throws Exception {
        Path model = Files.createDirectories(ctx.outputDir().resolve("model"));
        Files.writeString(model.resolve("weights.txt"), "lambdaBase="
                + ctx.spec().merger().models().get("base").get("weight").number());
        ctx.progress(1.0, "merged");
        CheckpointReady in = ctx.input();
        return ctx.event(ModelMerged.builder().modelKey(ctx.attemptPrefix() + "model/").baseModelKey(in.baseModelKey())
                .extendedModelKey(in.extendedModelKey()).replayModelKey(in.checkpointKey())
                .method(ctx.spec().merger().method()).build());
    }

    /** Retries within a 2 s budget: enough for the tests here, none of which has an outage. */
    static final RetryPolicy SHORT = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2));

    private StageRunner runner(ScriptedHandler handler) {
        return runner(handler, new SimpleMeterRegistry());
    }

    private StageRunner runner(ScriptedHandler handler, SimpleMeterRegistry registry) {
        return new StageRunner(handler, store(), published, registry,
                new RunnerSettings(workRoot, SHORT, Duration.ofHours(1)));
    }

    @BeforeEach
    void localBucket() {
        store = new LocalObjectStore("longrecipe", bucketRoot);
    }

    private LocalObjectStore store() {
        return store;
    }

    private void submitSpec(String runId) {
        TestStack.submitSpec(store(), runId);
    }

    private List<String> readText(String topic, String runId) {
        return published.texts(topic, runId);
    }

    private List<RecordingPublisher.Message> read(String topic, String runId) {
        return published.on(topic, runId);
    }

    static Event<CheckpointReady> replayComplete(String runId, boolean stopAfter) {
        return new Event<>(new EventHeader(Events.newId(), runId, Events.now(), 1, Map.of("analyzer", 1, "trainer", 1),
                false, Map.of(), stopAfter, false), CheckpointReady.builder().phase("replay").phaseComplete(true)
                .lastOfRun(true).checkpointKey("runs/" + runId + "/trainer/1/replay/").baseModelKey("inputs/base/")
                .extendedModelKey("runs/" + runId + "/trainer/1/extension/").step(100).tokens(1000).loss(2.5).build());
    }

    private static long offsets = 0;

    private static InboundRecord record(String runId, String json) {
        return new InboundRecord(Topics.CHECKPOINT_READY, 0, offsets++, runId, json.getBytes(StandardCharsets.UTF_8));
    }

    private static InboundRecord record(Event<?> event) {
        return record(event.header().runId(), Json.write(event));
    }

    @Test
    void firstEventCompletesAttemptOneWithArtifactsSpecClaimLineageAndMarker() {
        String runId = TestStack.newRunId("first");
        submitSpec(runId);
        ScriptedHandler handler = new ScriptedHandler(StageRunnerTest::mergeLike);
        Event<CheckpointReady> event = replayComplete(runId, true);

        assertThat(runner(handler).handle(record(event))).isEqualTo(Outcome.COMPLETED);

        String prefix = ObjectKeys.attempt(runId, Stage.MERGER, 1);
        assertThat(store().getText(prefix + "model/weights.txt")).isEqualTo("lambdaBase=0.5");
        assertThat(store().list(prefix)).contains(prefix + "_attempt.json", prefix + "_completed.json",
                prefix + "spec.json", prefix + "model/weights.txt");
        AttemptClaim claim = store().getJson(ObjectKeys.claim(runId, Stage.MERGER, 1), AttemptClaim.class);
        assertThat(claim.inputEventId()).isEqualTo(event.header().eventId());
        assertThat(claim.inputTopic()).isEqualTo(Topics.CHECKPOINT_READY);

        List<String> published = readText(Topics.MODEL_MERGED, runId);
        assertThat(published).hasSize(1);
        Event<ModelMerged> merged = Events.parse(Topics.MODEL_MERGED, published.get(0));
        assertThat(merged.header().attempt()).isEqualTo(1);
        assertThat(merged.header().lineage()).isEqualTo(Map.of("analyzer", 1, "trainer", 1, "merger", 1));
        assertThat(merged.header().halt()).as("input had stopAfter").isTrue();
        assertThat(merged.header().rerun()).isFalse();
        assertThat(merged.payload().modelKey()).isEqualTo(prefix + "model/");
        assertThat(store().getText(ObjectKeys.completed(runId, Stage.MERGER, 1))).isEqualTo(published.get(0));
        assertThat(handler.runs).hasSize(1);
        assertThat(handler.runs.get(0).resumed()).isFalse();
        assertThat(handler.runs.get(0).workDir()).doesNotExist();
    }

    @Test
    void duplicateOfAnAnnouncedCompletionIsANoOpThatPublishesNothing() {
        String runId = TestStack.newRunId("redeliver");
        submitSpec(runId);
        ScriptedHandler handler = new ScriptedHandler(StageRunnerTest::mergeLike);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StageRunner runner = runner(handler, registry);
        InboundRecord message = record(replayComplete(runId, false));

        assertThat(runner.handle(message)).isEqualTo(Outcome.COMPLETED);
        assertThat(store().exists(ObjectKeys.attempt(runId, Stage.MERGER, 1) + "_announced.json")).isTrue();
        assertThat(runner.handle(message)).isEqualTo(Outcome.DUPLICATE);
        assertThat(runner.handle(message)).isEqualTo(Outcome.DUPLICATE);

        assertThat(handler.runs).hasSize(1);
        assertThat(readText(Topics.MODEL_MERGED, runId)).hasSize(1);
        assertThat(registry.get("longrecipe.stage.duplicates").counter().count()).isEqualTo(2);
        assertThat(store().listFolders(ObjectKeys.stage(runId, Stage.MERGER)))
                .containsExactly(ObjectKeys.attempt(runId, Stage.MERGER, 1));
    }

    @Test
    void completionThatWasNeverAnnouncedIsAnnouncedOnceWithItsEventIdWhenTheInputComesAgain() throws Exception {
        String runId = TestStack.newRunId("unannounced");
        submitSpec(runId);
        ScriptedHandler handler = new ScriptedHandler(StageRunnerTest::mergeLike);
        StageRunner runner = runner(handler);
        InboundRecord message = record(replayComplete(runId, false));
        assertThat(runner.handle(message)).isEqualTo(Outcome.COMPLETED);
        // what a crash between _completed.json and the publish leaves: no _announced.json
        Files.delete(bucketRoot.resolve(ObjectKeys.attempt(runId, Stage.MERGER, 1) + "_announced.json"));

        assertThat(runner.handle(message)).isEqualTo(Outcome.REPUBLISHED);
        assertThat(runner.handle(message)).isEqualTo(Outcome.DUPLICATE);

        assertThat(handler.runs).hasSize(1);
        List<String> published = readText(Topics.MODEL_MERGED, runId);
        assertThat(published).hasSize(2);
        assertThat(published.get(1)).as("the stored completion, same event id").isEqualTo(published.get(0));
    }

    @Test
    void durableIntermediateArtifactsAreAnnouncedOnceAndTheUnannouncedOnesOnResume() {
        String runId = TestStack.newRunId("announce");
        submitSpec(runId);
        List<String> stepKeys = new ArrayList<>();
        ScriptedHandler handler = new ScriptedHandler((ctx, invocation) -> {
            String step1 = ctx.attemptPrefix() + "steps/step-1/";
            String step2 = ctx.attemptPrefix() + "steps/step-2/";
            stepKeys.clear();
            stepKeys.addAll(List.of(step1, step2));
            if (invocation == 1) {
                ctx.store().putText(step1 + "weights.txt", "1");
                assertThat(ctx.announce(step1, () -> intermediate(ctx, step1))).isTrue();
                assertThat(ctx.announce(step1, () -> intermediate(ctx, step1))).as("announced before").isFalse();
                ctx.store().putText(step2 + "weights.txt", "2");
                // the service dies here: step-2 is durable but was never announced
                throw new MissingObjectException(ctx.store().bucket(), "inputs/x", "stand-in for a crash");
            }
            assertThat(ctx.resumed()).isTrue();
            for (String step : List.of(step1, step2)) { // what a resuming stage does for its durable artifacts
                ctx.announce(step, () -> intermediate(ctx, step));
            }
            assertThat(ctx.announced(step2)).isTrue();
            return mergeLike(ctx, invocation);
        });
        StageRunner runner = runner(handler);
        InboundRecord message = record(replayComplete(runId, false));

        assertThat(runner.handle(message)).isEqualTo(Outcome.FAILED);
        assertThat(runner.handle(message)).isEqualTo(Outcome.COMPLETED);

        List<ModelMerged> published = readText(Topics.MODEL_MERGED, runId).stream()
                .map(json -> Events.<ModelMerged>parse(Topics.MODEL_MERGED, json).payload()).toList();
        assertThat(published).extracting(ModelMerged::modelKey).containsExactly(stepKeys.get(0), stepKeys.get(1),
                ObjectKeys.attempt(runId, Stage.MERGER, 1) + "model/");
    }

    private static Event<ModelMerged> intermediate(StageContext<CheckpointReady> ctx, String key) {
        CheckpointReady in = ctx.input();
        return ctx.event(ModelMerged.builder().modelKey(key).baseModelKey(in.baseModelKey())
                .extendedModelKey(in.extendedModelKey()).replayModelKey(in.checkpointKey()).method("linear").build());
    }

    @Test
    void rerunMakesAttemptTwoWithTheOverridesInItsSpecOnly() {
        String runId = TestStack.newRunId("rerun");
        submitSpec(runId);
        ScriptedHandler handler = new ScriptedHandler(StageRunnerTest::mergeLike);
        StageRunner runner = runner(handler);
        Event<CheckpointReady> first = replayComplete(runId, false);
        runner.handle(record(first));

        Event<CheckpointReady> rerun = first.asRerun(Events.newId(), Map.of("merger.models.base.weight", "0.7"), false);
        assertThat(runner.handle(record(rerun))).isEqualTo(Outcome.COMPLETED);

        assertThat(handler.runs).hasSize(2);
        assertThat(handler.runs.get(1).attempt()).isEqualTo(2);
        RunSpec second = RunSpecs.parse(store().getText(ObjectKeys.attempt(runId, Stage.MERGER, 2) + "spec.json"));
        RunSpec firstSpec = RunSpecs.parse(store().getText(ObjectKeys.attempt(runId, Stage.MERGER, 1) + "spec.json"));
        assertThat(second.merger().models().get("base")).containsEntry("weight", MergeSetting.of(0.7));
        assertThat(firstSpec.merger().models().get("base")).containsEntry("weight", MergeSetting.of(0.5));
        assertThat(store().getText(ObjectKeys.attempt(runId, Stage.MERGER, 2) + "model/weights.txt"))
                .isEqualTo("lambdaBase=0.7");
        assertThat(store().getJson(ObjectKeys.claim(runId, Stage.MERGER, 2), AttemptClaim.class).overrides())
                .containsEntry("merger.models.base.weight", "0.7");
        Event<ModelMerged> completion = Events.parse(Topics.MODEL_MERGED, readText(Topics.MODEL_MERGED, runId).get(1));
        assertThat(completion.header().attempt()).isEqualTo(2);
        assertThat(completion.header().lineage()).containsEntry("merger", 2);
    }

    @Test
    void claimedButIncompleteAttemptIsRunAgainInTheSameAttemptWhenItsEventComesBack() {
        String runId = TestStack.newRunId("resume");
        submitSpec(runId);
        // first delivery: the handler leaves a partial checkpoint, then the input turns out to be missing
        ScriptedHandler handler = new ScriptedHandler((ctx, invocation) -> {
            if (invocation == 1) {
                ctx.store().putText(ctx.attemptPrefix() + "partial/step-50.txt", "half way");
                throw new MissingObjectException(ctx.store().bucket(), "inputs/base/config.json", "upload it");
            }
            assertThat(ctx.store().getText(ctx.attemptPrefix() + "partial/step-50.txt")).isEqualTo("half way");
            return mergeLike(ctx, invocation);
        });
        StageRunner runner = runner(handler);
        InboundRecord message = record(replayComplete(runId, false));

        assertThat(runner.handle(message)).isEqualTo(Outcome.FAILED);
        assertThat(store().exists(ObjectKeys.completed(runId, Stage.MERGER, 1))).isFalse();
        assertThat(runner.handle(message)).isEqualTo(Outcome.COMPLETED);

        assertThat(handler.runs).extracting(StageContext::attempt).containsExactly(1, 1);
        assertThat(handler.runs.get(1).resumed()).isTrue();
        assertThat(store().listFolders(ObjectKeys.stage(runId, Stage.MERGER)))
                .containsExactly(ObjectKeys.attempt(runId, Stage.MERGER, 1));
    }

    @Test
    void anAttemptStoppedOnRequestReportsNothingStaysUnacknowledgedAndResumesAfterTheRestart() throws Exception {
        String runId = TestStack.newRunId("stopped");
        submitSpec(runId);
        CountDownLatch working = new CountDownLatch(1);
        ScriptedHandler handler = new ScriptedHandler((ctx, invocation) -> {
            if (invocation == 1) { // works until the service stops, then saves its progress, as the trainer does
                working.countDown();
                while (!ctx.stopRequested()) {
                    Thread.sleep(10);
                }
                ctx.store().putText(ctx.attemptPrefix() + "partial/step-7.txt", "saved on the way out");
                throw new StageStoppedException("stopped after step 7; checkpoint step-7 written");
            }
            assertThat(ctx.resumed()).isTrue();
            assertThat(ctx.store().getText(ctx.attemptPrefix() + "partial/step-7.txt"))
                    .isEqualTo("saved on the way out");
            return mergeLike(ctx, invocation);
        });
        StageRunner stopping = runner(handler);
        InboundRecord message = record(replayComplete(runId, false));
        CompletableFuture<Outcome> handled = CompletableFuture.supplyAsync(() -> stopping.handle(message));
        assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stopping.awaitIdle(Duration.ofMillis(50))).as("busy until asked to stop").isFalse();

        stopping.requestStop(); // SIGTERM
        assertThat(stopping.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThatThrownBy(handled::join).hasCauseInstanceOf(StageStoppedException.class);
        assertThatThrownBy(() -> stopping.handle(record(replayComplete(runId, false))))
                .as("no new message is started while stopping").isInstanceOf(StageStoppedException.class);
        assertThat(handler.runs).hasSize(1);
        assertThat(readText(Topics.STAGE_FAILED, runId)).isEmpty();
        assertThat(read(Stage.MERGER.deadLetterTopic(), runId)).isEmpty();
        assertThat(store().exists(ObjectKeys.attempt(runId, Stage.MERGER, 1) + "_failed.json")).isFalse();

        // the restarted service gets the unacknowledged message again and resumes the attempt
        assertThat(runner(handler).handle(message)).isEqualTo(Outcome.COMPLETED);
        assertThat(handler.runs).extracting(StageContext::attempt).containsExactly(1, 1);
    }

    @Test
    void retriableFailureIsReportedRetriableNamesTheRerunAndIsNotDeadLettered() {
        String runId = TestStack.newRunId("retry-out");
        submitSpec(runId);
        ScriptedHandler handler = new ScriptedHandler((ctx, invocation) -> {
            throw new StorageUnavailableException("S3 at http://x is unreachable", null);
        });
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        assertThat(runner(handler, registry).handle(record(replayComplete(runId, false))))
                .isEqualTo(Outcome.UNAVAILABLE);

        assertThat(handler.runs).as("no whole-attempt retry").hasSize(1);
        List<String> failures = readText(Topics.STAGE_FAILED, runId);
        assertThat(failures).hasSize(1);
        StageFailed failed = parseFailed(failures.get(0));
        assertThat(failed.retriable()).isTrue();
        assertThat(Events.parse(Topics.STAGE_FAILED, failures.get(0)).header().attempt()).isEqualTo(1);
        assertThat(failed.deadLetterTopic()).isNull();
        assertThat(failed.reason()).contains("unreachable").contains("longrecipe rerun " + runId + " merger")
                .contains("not dead-lettered");
        assertThat(read(Stage.MERGER.deadLetterTopic(), runId)).isEmpty();
        assertThat(registry.get("longrecipe.stage.failures").tag("retriable", "true").counter().count()).isEqualTo(1);
        assertThat(store().exists(ObjectKeys.attempt(runId, Stage.MERGER, 1) + "_failed.json")).isTrue();
        assertThat(store().exists(ObjectKeys.completed(runId, Stage.MERGER, 1))).isFalse();
    }

    @Test
    void bugInTheHandlerIsFatalAndDeadLetteredExactlyOnce() {
        String runId = TestStack.newRunId("poison-bug");
        submitSpec(runId);
        ScriptedHandler handler = new ScriptedHandler((ctx, invocation) -> {
            throw new IllegalStateException("tensor 'x' has shape [2] but the config says [3]");
        });
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        assertThat(runner(handler, registry).handle(record(replayComplete(runId, false)))).isEqualTo(Outcome.FAILED);

        assertThat(handler.runs).hasSize(1);
        List<String> failures = readText(Topics.STAGE_FAILED, runId);
        assertThat(failures).hasSize(1);
        assertThat(parseFailed(failures.get(0)).retriable()).isFalse();
        assertThat(parseFailed(failures.get(0)).deadLetterTopic()).isEqualTo("merger.dead-letter");
        assertThat(read(Stage.MERGER.deadLetterTopic(), runId)).hasSize(1);
        assertThat(registry.get("longrecipe.stage.failures").tag("retriable", "false").counter().count()).isEqualTo(1);
    }

    @Test
    void malformedJsonIsReportedAndParkedUnchangedWithItsOrigin() {
        String runId = TestStack.newRunId("poison-json");
        ScriptedHandler handler = new ScriptedHandler(StageRunnerTest::mergeLike);
        InboundRecord message = new InboundRecord(Topics.CHECKPOINT_READY, 0, 4242, runId,
                "{\"schemaVersion\": 2, \"header\": ".getBytes(StandardCharsets.UTF_8));

        assertThat(runner(handler).handle(message)).isEqualTo(Outcome.FAILED);

        StageFailed failed = parseFailed(readText(Topics.STAGE_FAILED, runId).get(0));
        assertThat(failed.reason()).contains("not valid JSON");
        assertThat(failed.retriable()).isFalse();
        assertThat(readText(Topics.STAGE_FAILED, runId)).hasSize(1);
        assertThat(failed.stage()).isEqualTo("merger");
        assertThat(failed.deadLetterTopic()).isEqualTo("merger.dead-letter");
        List<RecordingPublisher.Message> parked = read(Stage.MERGER.deadLetterTopic(), runId);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).value()).isEqualTo(message.value());
        assertThat(parked.get(0).headers().get(StageRunner.DLQ_TOPIC)).isEqualTo(Topics.CHECKPOINT_READY);
        assertThat(parked.get(0).headers().get(StageRunner.DLQ_OFFSET)).isEqualTo("4242");
        assertThat(parked.get(0).headers().get(StageRunner.DLQ_PARTITION)).isEqualTo("0");
        assertThat(parked.get(0).headers().get(StageRunner.DLQ_REASON)).isEqualTo(failed.reason());
        assertThat(handler.runs).isEmpty();
    }

    @Test
    void unknownSchemaVersionIsFatal() {
        String runId = TestStack.newRunId("poison-version");
        String json = Json.write(replayComplete(runId, false)).replace("\"schemaVersion\":2", "\"schemaVersion\":7");

        assertThat(runner(new ScriptedHandler(StageRunnerTest::mergeLike)).handle(record(runId, json)))
                .isEqualTo(Outcome.FAILED);

        assertThat(parseFailed(readText(Topics.STAGE_FAILED, runId).get(0)).reason())
                .contains("schemaVersion 7").contains("understands only version 2");
        assertThat(read(Stage.MERGER.deadLetterTopic(), runId)).hasSize(1);
    }

    @Test
    void aVersionOneEventIsParkedWithAReasonNamingBothVersionsAndTheFix() {
        String runId = TestStack.newRunId("poison-v1");
        String flat = "{\"schemaVersion\":1,\"eventId\":\"" + Events.newId() + "\",\"runId\":\"" + runId
                + "\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"attempt\":1,\"lineage\":{\"trainer\":1},\"rerun\":false,"
                + "\"overrides\":{},\"stopAfter\":false,\"halt\":false,\"phase\":\"replay\",\"phaseComplete\":true,"
                + "\"lastOfRun\":true,\"checkpointKey\":\"k/\",\"baseModelKey\":\"b/\",\"extendedModelKey\":\"e/\","
                + "\"step\":1,\"tokens\":1,\"loss\":1.0}";
        ScriptedHandler handler = new ScriptedHandler(StageRunnerTest::mergeLike);

        assertThat(runner(handler).handle(record(runId, flat))).isEqualTo(Outcome.FAILED);

        String reason = parseFailed(readText(Topics.STAGE_FAILED, runId).get(0)).reason();
        assertThat(reason).contains("version-1 event").contains("needs version 2").contains("upgrade the producer")
                .contains("longrecipe rerun");
        List<RecordingPublisher.Message> parked = read(Stage.MERGER.deadLetterTopic(), runId);
        assertThat(parked).hasSize(1);
        assertThat(new String(parked.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(flat);
        assertThat(parked.get(0).headers().get(StageRunner.DLQ_REASON)).isEqualTo(reason);
        assertThat(handler.runs).isEmpty();
    }

    @Test
    void missingRunSpecNamesTheKeyAndTheFix() {
        String runId = TestStack.newRunId("no-spec");

        assertThat(runner(new ScriptedHandler(StageRunnerTest::mergeLike)).handle(record(replayComplete(runId, false))))
                .isEqualTo(Outcome.FAILED);

        String reason = parseFailed(readText(Topics.STAGE_FAILED, runId).get(0)).reason();
        assertThat(reason).contains("runs/" + runId + "/spec.json").contains("does not exist")
                .contains("run '" + runId + "' is unknown").contains("longrecipe submit");
        assertThat(store().list(ObjectKeys.run(runId))).as("an event for an unknown run creates nothing").isEmpty();
    }

    @Test
    void invalidOverrideFailsWithTheFieldNamed() {
        String runId = TestStack.newRunId("bad-override");
        submitSpec(runId);
        Event<CheckpointReady> rerun = replayComplete(runId, false).asRerun(Events.newId(), Map.of("merger.lambda", "2"), false);

        assertThat(runner(new ScriptedHandler(StageRunnerTest::mergeLike)).handle(record(rerun)))
                .isEqualTo(Outcome.FAILED);

        assertThat(parseFailed(readText(Topics.STAGE_FAILED, runId).get(0)).reason()).contains("merger.lambda")
                .contains("not a known field");
    }

    @Test
    void haltedAndUnacceptedEventsAreAcknowledgedWithoutWork() {
        String runId = TestStack.newRunId("skip");
        ScriptedHandler handler = new ScriptedHandler(StageRunnerTest::mergeLike);
        StageRunner runner = runner(handler);
        CheckpointReady replayFinal = CheckpointReady.builder().phase("replay").phaseComplete(true).lastOfRun(true)
                .checkpointKey("k").baseModelKey("b").extendedModelKey("e").step(1).tokens(1).loss(1).build();
        Event<CheckpointReady> halted = new Event<>(new EventHeader(Events.newId(), runId, Events.now(), 1, Map.of(),
                false, Map.of(), false, true), replayFinal);
        Event<CheckpointReady> extension = new Event<>(EventHeader.of(runId, 1, Map.of(), false),
                CheckpointReady.builder().phase("extension").phaseComplete(true).lastOfRun(false).checkpointKey("k")
                        .baseModelKey("b").extendedModelKey("e").step(1).tokens(1).loss(1).build());

        assertThat(runner.handle(record(halted))).isEqualTo(Outcome.HALTED);
        assertThat(runner.handle(record(extension))).isEqualTo(Outcome.NOT_ACCEPTED);

        assertThat(handler.runs).isEmpty();
        assertThat(store().list(ObjectKeys.run(runId))).isEmpty();
        assertThat(readText(Topics.STAGE_FAILED, runId)).isEmpty();
    }

    @Test
    void handlerReturningAnEventOfAnotherAttemptIsRejectedAndNothingIsMarkedComplete() {
        String runId = TestStack.newRunId("wrong-event");
        submitSpec(runId);
        ScriptedHandler handler = new ScriptedHandler((ctx, invocation) -> new Event<>(EventHeader.of(runId, 9,
                Map.of(), false), ModelMerged.builder().modelKey("m").baseModelKey("b").extendedModelKey("e")
                .replayModelKey("r").method("linear").build()));

        assertThat(runner(handler).handle(record(replayComplete(runId, false)))).isEqualTo(Outcome.FAILED);

        assertThat(parseFailed(readText(Topics.STAGE_FAILED, runId).get(0)).reason()).contains("StageContext.event");
        assertThat(store().exists(ObjectKeys.completed(runId, Stage.MERGER, 1))).isFalse();
        assertThat(readText(Topics.MODEL_MERGED, runId)).isEmpty();
    }

    @Test
    void progressIsPublishedAtMostOncePerIntervalAndTheGaugeFollowsEveryReport() {
        String runId = TestStack.newRunId("progress");
        submitSpec(runId);
        AtomicInteger reports = new AtomicInteger();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScriptedHandler handler = new ScriptedHandler((ctx, invocation) -> {
            for (int i = 1; i <= 500; i++) {
                ctx.progress(i / 1000.0, 100, "MB", "merging", Map.of("tensors", (double) i));
                reports.incrementAndGet();
            }
            assertThat(registry.get("longrecipe.stage.progress").gauge().value()).isEqualTo(0.5);
            assertThat(registry.get("longrecipe.stage.metric").tag("name", "tensors").gauge().value()).isEqualTo(500);
            assertThat(registry.get("longrecipe.stage.rate").tag("unit", "MB").gauge().value()).isEqualTo(100);
            return mergeLike(ctx, invocation);
        });
        StageRunner runner = runner(handler, registry);

        runner.handle(record(replayComplete(runId, false)));

        List<StageProgress> progress = readText(Topics.STAGE_PROGRESS, runId).stream()
                .map(s -> Events.<StageProgress>parse(Topics.STAGE_PROGRESS, s).payload()).toList();
        // first report, the final (fraction 1) report from mergeLike, then the completion
        assertThat(progress).extracting(StageProgress::state)
                .containsExactly(StageProgress.RUNNING, StageProgress.RUNNING, StageProgress.COMPLETED);
        assertThat(progress.get(0).fraction()).isEqualTo(0.001);
        assertThat(progress.get(0).rateUnit()).isEqualTo("MB");
        assertThat(progress.get(0).metrics()).containsEntry("tensors", 1.0);
        assertThat(reports).hasValue(500);
        assertThat(registry.get("longrecipe.stage.completed").counter().count()).isEqualTo(1);
        assertThat(registry.get("longrecipe.stage.progress").gauge().value()).isEqualTo(1.0);
    }

    private static StageFailed parseFailed(String json) {
        return Events.<StageFailed>parse(Topics.STAGE_FAILED, json).payload();
    }
}
