package dev.longrecipe.merger.service;

import static dev.longrecipe.testsupport.StackClient.httpGet;
import static dev.longrecipe.testsupport.StackClient.header;
import static dev.longrecipe.testsupport.StackClient.read;
import static dev.longrecipe.testsupport.StackClient.readText;
import static dev.longrecipe.testsupport.StackClient.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.longrecipe.testsupport.LocalStackResource;
import dev.longrecipe.testsupport.StackClient;
import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.hf.TensorSpec;
import dev.longrecipe.runtime.StageRunner;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.ModelMerged;
import dev.longrecipe.schema.events.StageFailed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The merger service on the real broker and S3 server: Kafka in, merged model in S3, Kafka out. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MergerServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    /**
     * Stores a spec with placeholder inputs for {@code runId} and uploads a base model and a sharded replay
     * checkpoint (kept in tmp/base and tmp/replay); returns the event announcing them.
     */
    private Event<CheckpointReady> uploadModels(String runId) {
        StackClient.submitSpec(runId, StackClient.PLACEHOLDER_INPUTS);
        Path base = TinyModel.write(tmp.resolve("base"), 1, Long.MAX_VALUE);
        Path replay = TinyModel.write(tmp.resolve("replay"), 2, 3_000);
        store().uploadFolder(base, "inputs/" + runId + "/base/");
        store().uploadFolder(replay, ObjectKeys.attempt(runId, Stage.TRAINER, 1) + "replay/");
        return checkpointReady(runId, ObjectKeys.attempt(runId, Stage.TRAINER, 1) + "replay/",
                "inputs/" + runId + "/base/");
    }

    private static Event<CheckpointReady> checkpointReady(String runId, String checkpointKey, String baseKey) {
        return new Event<>(EventHeader.of(runId, 1, Map.of("analyzer", 1, "segmenter", 1, "trainer", 1), false),
                CheckpointReady.builder().phase("replay").phaseComplete(true).lastOfRun(true)
                        .checkpointKey(checkpointKey).baseModelKey(baseKey)
                        .extendedModelKey(ObjectKeys.attempt(runId, Stage.TRAINER, 1) + "extension/").step(200)
                        .tokens(50_000).loss(2.1).build());
    }

    private static void publish(String runId, String value) {
        StackClient.publisher().publish(Topics.CHECKPOINT_READY, runId, value);
    }

    private static List<String> awaitMessages(String topic, String runId, int count) {
        return await().atMost(WAIT).until(() -> readText(topic, runId), list -> list.size() >= count);
    }

    /** The {@code n}-th model.merged event of the run, once it is there. */
    private static Event<ModelMerged> awaitMerged(String runId, int n) {
        return Events.parse(Topics.MODEL_MERGED, awaitMessages(Topics.MODEL_MERGED, runId, n).get(n - 1));
    }

    /** Every tensor of the model in {@code merged} is {@code baseWeight}·base + (1 − baseWeight)·replay. */
    private void assertMergedTensors(Path merged, float baseWeight) {
        try (HfModelFolder a = HfModelFolder.open(tmp.resolve("base"));
             HfModelFolder b = HfModelFolder.open(tmp.resolve("replay"));
             HfModelFolder m = HfModelFolder.open(merged)) {
            assertThat(m.tensorNames()).containsExactlyInAnyOrderElementsOf(a.tensorNames());
            for (TensorSpec t : TinyModel.plan()) {
                float[] x = a.readFloat32(t.name());
                float[] y = b.readFloat32(t.name());
                float[] z = m.readFloat32(t.name());
                for (int i = 0; i < z.length; i++) {
                    assertThat(z[i]).as("%s[%d]", t.name(), i).isCloseTo(baseWeight * x[i] + (1 - baseWeight) * y[i],
                            org.assertj.core.data.Offset.offset(1e-6f));
                }
            }
        }
    }

    @Test
    void replayCheckpointIsMergedHalfAndHalfAndModelMergedIsPublishedOnceEvenWhenRedelivered() throws IOException {
        String runId = StackClient.newRunId("merge");
        Event<CheckpointReady> event = uploadModels(runId);

        publish(runId, Json.write(event));
        Event<ModelMerged> completion = awaitMerged(runId, 1);
        ModelMerged merged = completion.payload();

        String modelKey = ObjectKeys.attempt(runId, Stage.MERGER, 1) + "model/";
        assertThat(merged.modelKey()).isEqualTo(modelKey);
        assertThat(merged.replayModelKey()).isEqualTo(event.payload().checkpointKey());
        assertThat(merged.baseModelKey()).isEqualTo(event.payload().baseModelKey());
        assertThat(merged.extendedModelKey()).isEqualTo(event.payload().extendedModelKey());
        assertThat(merged.method()).isEqualTo("linear");
        assertThat(completion.header().lineage()).containsEntry("trainer", 1).containsEntry("merger", 1);
        Path out = store().downloadFolder(modelKey, tmp.resolve("merged"));
        assertMergedTensors(out, 0.5f);
        assertThat(Files.readString(out.resolve("tokenizer.json"))).contains("\"seed\":2");

        var duplicates = registry.find("longrecipe.stage.duplicates").counter();
        double before = duplicates == null ? 0 : duplicates.count();
        publish(runId, Json.write(event)); // the same event again: a redelivery of an announced completion
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(() -> {
            var counter = registry.find("longrecipe.stage.duplicates").counter();
            return counter != null && counter.count() > before;
        });
        assertThat(awaitMessages(Topics.MODEL_MERGED, runId, 1)).as("nothing re-sent").hasSize(1);
        assertThat(store().listFolders(ObjectKeys.stage(runId, Stage.MERGER)))
                .containsExactly(ObjectKeys.attempt(runId, Stage.MERGER, 1));
    }

    @Test
    void aRerunWithASweepWritesOneModelPerLambdaAndAnnouncesThemAll() throws IOException {
        String runId = StackClient.newRunId("rerun");
        Event<CheckpointReady> event = uploadModels(runId);
        publish(runId, Json.write(event));
        awaitMessages(Topics.MODEL_MERGED, runId, 1);

        // what `./longrecipe rerun RUN merger --set merger.sweep=[0,0.25,0.5]` publishes
        publish(runId, Json.write(event.asRerun(Events.newId(), Map.of("merger.sweep", "[0, 0.25, 0.5]"), false)));
        Event<ModelMerged> secondEvent = awaitMerged(runId, 2);
        ModelMerged second = secondEvent.payload();

        assertThat(secondEvent.header().attempt()).isEqualTo(2);
        String attempt = ObjectKeys.attempt(runId, Stage.MERGER, 2);
        assertThat(second.sweep()).containsExactly(new ModelMerged.SweepModel(0.0, attempt + "sweep/lambda-0/"),
                new ModelMerged.SweepModel(0.25, attempt + "sweep/lambda-0.25/"),
                new ModelMerged.SweepModel(0.5, attempt + "model/")); // the spec's own 0.5/0.5: not written twice
        assertThat(store().listFolders(attempt + "sweep/")).containsExactlyInAnyOrder(attempt + "sweep/lambda-0/",
                attempt + "sweep/lambda-0.25/");
        Path quarter = store().downloadFolder(attempt + "sweep/lambda-0.25/", tmp.resolve("quarter"));
        assertMergedTensors(quarter, 0.25f);
        assertThat(store().getText(attempt + "spec.json")).contains("\"sweep\" : [ 0.0, 0.25, 0.5 ]");
    }

    @Test
    void badMergeParametersAreParkedNamingTheFieldBeforeAnyModelIsRead() {
        String runId = StackClient.newRunId("badties");
        StackClient.submitSpec(runId, StackClient.PLACEHOLDER_INPUTS
                + "merger:\n  method: ties\n  models: {replay: {weight: 1, density: 1.5}}\n");
        Event<CheckpointReady> event = checkpointReady(runId, "runs/" + runId + "/no-such-checkpoint/", "inputs/none/");
        publish(runId, Json.write(event));
        StageFailed failed = Events.<StageFailed>parse(Topics.STAGE_FAILED,
                awaitMessages(Topics.STAGE_FAILED, runId, 1).get(0)).payload();
        // the models do not exist: the refusal came before any download
        assertThat(failed.reason()).contains("merger.models.replay.density", "(0, 1]", "1.5");
        assertThat(readText(Topics.MODEL_MERGED, runId)).isEmpty();
        assertThat(store().list(ObjectKeys.attempt(runId, Stage.MERGER, 1) + "model/")).isEmpty();
    }

    @Test
    void extensionPhaseCheckpointsAreAcknowledgedWithoutWork() {
        String runId = StackClient.newRunId("extension");
        Event<CheckpointReady> extension = new Event<>(EventHeader.of(runId, 1, Map.of(), false),
                CheckpointReady.builder().phase("extension").phaseComplete(true).lastOfRun(false).checkpointKey("x/")
                        .baseModelKey("y/").extendedModelKey("z/").step(1).tokens(1).loss(1).build());
        publish(runId, Json.write(extension));
        // a poison message right after it proves the extension event was consumed (same partition, in order)
        publish(runId, "not json");
        awaitMessages(Topics.STAGE_FAILED, runId, 1);

        assertThat(readText(Topics.MODEL_MERGED, runId)).isEmpty();
        assertThat(store().list(ObjectKeys.run(runId))).isEmpty();
    }

    @Test
    void malformedJsonIsParkedAndReported() {
        String runId = StackClient.newRunId("poison-json");
        assertPoisonParked(runId, "{\"schemaVersion\": 2, ", "is not valid JSON");
    }

    @Test
    void unknownSchemaVersionIsParkedAndReported() {
        String runId = StackClient.newRunId("poison-version");
        String json = Json.write(checkpointReady(runId, "a/", "b/")).replace("\"schemaVersion\":2",
                "\"schemaVersion\":3");
        assertPoisonParked(runId, json, "schemaVersion 3");
    }

    @Test
    void missingCheckpointIsParkedWithTheKeyAndTheFix() {
        String runId = StackClient.newRunId("poison-missing");
        Event<CheckpointReady> event = uploadModels(runId);
        Event<CheckpointReady> missing = checkpointReady(runId, "runs/" + runId + "/trainer/9/replay/",
                event.payload().baseModelKey());
        assertPoisonParked(runId, Json.write(missing), "runs/" + runId + "/trainer/9/replay/");
        assertThat(parseFailed(readText(Topics.STAGE_FAILED, runId).get(0)).reason()).contains("re-run the trainer");
    }

    @Test
    void corruptSafetensorsHeaderIsParkedAndReported() throws IOException {
        String runId = StackClient.newRunId("poison-corrupt");
        byte[] header = "{\"model.norm.weight\": {\"dtype\": \"F32\", \"shape\": [16], \"data_offsets\": [0".getBytes(
                StandardCharsets.UTF_8);
        assertBadCheckpointParked(runId, safetensorsWithHeaderLength(header.length, header), "header is not valid JSON");
    }

    @Test
    void headerClaimingOneHundredGigabytesIsRefusedWithoutReadingIt() throws IOException {
        String runId = StackClient.newRunId("poison-100gb");
        assertBadCheckpointParked(runId, safetensorsWithHeaderLength(100_000_000_000L, "{}".getBytes()),
                "100000000000 bytes");
    }

    @Test
    void serviceStaysReadyAndMergesAGoodEventAfterPoison() {
        String runId = StackClient.newRunId("after-poison");
        Event<CheckpointReady> good = uploadModels(runId);
        publish(runId, "]]] definitely not an event");
        publish(runId, Json.write(good));

        awaitMessages(Topics.MODEL_MERGED, runId, 1);
        assertThat(readText(Topics.STAGE_FAILED, runId)).hasSize(1);
        assertThat(httpGet(ready).statusCode()).isEqualTo(200);
    }

    /** Last: Micrometer's Kafka binder picks up new client metrics on a timer, so the lag gauge appears late. */
    @Test
    @Order(Integer.MAX_VALUE)
    void prometheusMetricsIncludeConsumerLagAndStageMeters() {
        String body = await().atMost(WAIT).until(() -> httpGet(metrics).body(),
                b -> b.contains("kafka_consumer_fetch_manager_records_lag{"));
        assertThat(body).contains("longrecipe_stage_progress{stage=\"merger\"")
                .contains("longrecipe_stage_completed_total{stage=\"merger\"")
                .contains("longrecipe_stage_failures_total{retriable=\"false\",stage=\"merger\"")
                .contains("longrecipe_stage_rebalances_total{event=\"assigned\"")
                .contains("longrecipe_stage_rate{stage=\"merger\",unit=\"MB/s\"")
                .contains("longrecipe_stage_metric{name=\"tensors\",stage=\"merger\"");
        assertThat(body).containsPattern("kafka_consumer_fetch_manager_records_lag\\{[^}]*topic=\"checkpoint.ready\"");
    }

    /** A replay checkpoint whose model.safetensors is broken; the base model is fine. */
    private void assertBadCheckpointParked(String runId, byte[] safetensors, String reasonFragment)
            throws IOException {
        Event<CheckpointReady> event = uploadModels(runId);
        String badKey = "runs/" + runId + "/trainer/1/bad-replay/";
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.copy(tmp.resolve("base/config.json"), bad.resolve("config.json"));
        Files.write(bad.resolve("model.safetensors"), safetensors);
        store().uploadFolder(bad, badKey);
        assertPoisonParked(runId, Json.write(checkpointReady(runId, badKey, event.payload().baseModelKey())),
                "s3://" + store().bucket() + "/" + badKey + "model.safetensors");
        assertThat(parseFailed(readText(Topics.STAGE_FAILED, runId).get(0)).reason()).contains(reasonFragment);
        assertThat(store().exists(ObjectKeys.completed(runId, Stage.MERGER, 1))).isFalse();
    }

    private static byte[] safetensorsWithHeaderLength(long claimedLength, byte[] header) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(claimedLength).put(header);
        return buffer.array();
    }

    private void assertPoisonParked(String runId, String value, String reasonFragment) {
        publish(runId, value);

        StageFailed failed = parseFailed(awaitMessages(Topics.STAGE_FAILED, runId, 1).get(0));
        assertThat(failed.reason()).contains(reasonFragment);
        assertThat(failed.retriable()).isFalse();
        assertThat(failed.stage()).isEqualTo("merger");
        List<ConsumerRecord<String, byte[]>> parked = await().atMost(WAIT)
                .until(() -> read(Stage.MERGER.deadLetterTopic(), runId), list -> !list.isEmpty());
        assertThat(new String(parked.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(value);
        assertThat(header(parked.get(0), StageRunner.DLQ_TOPIC)).isEqualTo(Topics.CHECKPOINT_READY);
        assertThat(header(parked.get(0), StageRunner.DLQ_REASON)).isEqualTo(failed.reason());
        assertThat(readText(Topics.MODEL_MERGED, runId)).isEmpty();
        assertThat(httpGet(ready).statusCode()).isEqualTo(200);
    }

    private static StageFailed parseFailed(String json) {
        return Events.<StageFailed>parse(Topics.STAGE_FAILED, json).payload();
    }
}
