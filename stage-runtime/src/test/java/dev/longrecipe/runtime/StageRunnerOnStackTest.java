package dev.longrecipe.runtime;

import static dev.longrecipe.runtime.TestStack.header;
import static dev.longrecipe.runtime.TestStack.read;
import static dev.longrecipe.runtime.TestStack.readText;
import static dev.longrecipe.runtime.TestStack.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.runtime.StageRunnerTest.ScriptedHandler;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.ModelMerged;
import dev.longrecipe.schema.events.StageFailed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StageRunner on the real S3 server and Kafka broker of local-stack: an attempt's objects land in the bucket and its
 * completion on the broker; a poison message is parked on the real dead-letter topic with its origin headers.
 */
class StageRunnerOnStackTest {
    @TempDir
    Path workRoot;

    private StageRunner runner(ScriptedHandler handler) {
        return new StageRunner(handler, store(), TestStack.publisher(), new SimpleMeterRegistry(),
                new RunnerSettings(workRoot, StageRunnerTest.SHORT, Duration.ofHours(1)));
    }

    @Test
    void anAttemptStoresItsObjectsInS3AndAnnouncesItsCompletionOnTheBroker() {
        String runId = TestStack.newRunId("stack-first");
        TestStack.submitSpec(runId);
        Event<CheckpointReady> event = StageRunnerTest.replayComplete(runId, false);

        assertThat(runner(new ScriptedHandler(StageRunnerTest::mergeLike)).handle(new InboundRecord(
                Topics.CHECKPOINT_READY, 0, 1, runId, Json.write(event).getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(Outcome.COMPLETED);

        String prefix = ObjectKeys.attempt(runId, Stage.MERGER, 1);
        assertThat(store().getText(prefix + "model/weights.txt")).isEqualTo("lambdaBase=0.5");
        assertThat(store().list(prefix)).contains(prefix + "_attempt.json", prefix + "_completed.json",
                prefix + "_announced.json", prefix + "spec.json");
        List<String> published = readText(Topics.MODEL_MERGED, runId);
        assertThat(published).hasSize(1);
        Event<ModelMerged> merged = Events.parse(Topics.MODEL_MERGED, published.get(0));
        assertThat(merged.header().lineage()).isEqualTo(Map.of("analyzer", 1, "trainer", 1, "merger", 1));
        assertThat(store().getText(ObjectKeys.completed(runId, Stage.MERGER, 1))).isEqualTo(published.get(0));
    }

    @Test
    void aPoisonMessageIsReportedAndParkedOnTheDeadLetterTopicWithItsOrigin() {
        String runId = TestStack.newRunId("stack-poison");
        InboundRecord message = new InboundRecord(Topics.CHECKPOINT_READY, 0, 4242, runId,
                "{\"schemaVersion\": 2, \"header\": ".getBytes(StandardCharsets.UTF_8));

        assertThat(runner(new ScriptedHandler(StageRunnerTest::mergeLike)).handle(message)).isEqualTo(Outcome.FAILED);

        StageFailed failed = Events.<StageFailed>parse(Topics.STAGE_FAILED, readText(Topics.STAGE_FAILED, runId)
                .get(0)).payload();
        assertThat(failed.deadLetterTopic()).isEqualTo("merger.dead-letter");
        List<ConsumerRecord<String, byte[]>> parked = read(Stage.MERGER.deadLetterTopic(), runId);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).value()).isEqualTo(message.value());
        assertThat(header(parked.get(0), StageRunner.DLQ_TOPIC)).isEqualTo(Topics.CHECKPOINT_READY);
        assertThat(header(parked.get(0), StageRunner.DLQ_OFFSET)).isEqualTo("4242");
        assertThat(header(parked.get(0), StageRunner.DLQ_REASON)).isEqualTo(failed.reason());
    }
}
