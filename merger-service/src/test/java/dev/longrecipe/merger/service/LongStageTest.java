package dev.longrecipe.merger.service;

import static dev.longrecipe.testsupport.StackClient.readText;
import static dev.longrecipe.testsupport.StackClient.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.longrecipe.testsupport.LocalStackResource;
import dev.longrecipe.testsupport.StackClient;
import dev.longrecipe.runtime.quarkus.RebalanceCounter;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.StageProgress;
import dev.longrecipe.stack.ConsumerGroupLag;
import dev.longrecipe.stack.KafkaAdminTools;
import dev.longrecipe.stack.SharedTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage that works far longer than max.poll.interval.ms completes exactly once, without a rebalance: the
 * connector keeps polling (partition paused) while the blocking handler runs.
 */
@QuarkusTest
@TestProfile(LongStageProfile.class)
@QuarkusTestResource(LocalStackResource.class)
class LongStageTest {
    @TempDir
    Path tmp;

    @Inject
    @Identifier(RebalanceCounter.NAME)
    RebalanceCounter rebalances;

    @ConfigProperty(name = "mp.messaging.incoming.stage-in.max.poll.interval.ms")
    int maxPollIntervalMs;

    @TestHTTPResource("/q/health")
    URI health;

    @Test
    void workFourTimesLongerThanThePollIntervalCompletesOnceWithoutRebalance() {
        assertThat(maxPollIntervalMs).isEqualTo(LongStageProfile.MAX_POLL_INTERVAL_MS);
        assertThat(SlowMergerHandler.WORK.toMillis()).isGreaterThanOrEqualTo(4L * maxPollIntervalMs);
        await().atMost(Duration.ofSeconds(60)).until(() -> rebalances.assigned() > 0);
        double revokedBefore = rebalances.revoked();
        double assignedBefore = rebalances.assigned();

        String runId = StackClient.newRunId("long");
        StackClient.submitSpec(runId, StackClient.PLACEHOLDER_INPUTS);
        Path base = TinyModel.write(tmp.resolve("base"), 1, Long.MAX_VALUE);
        Path replay = TinyModel.write(tmp.resolve("replay"), 2, Long.MAX_VALUE);
        store().uploadFolder(base, "inputs/" + runId + "/base/");
        String replayKey = ObjectKeys.attempt(runId, Stage.TRAINER, 1) + "replay/";
        store().uploadFolder(replay, replayKey);
        Event<CheckpointReady> event = new Event<>(EventHeader.of(runId, 1, Map.of("trainer", 1), false),
                CheckpointReady.builder().phase("replay").phaseComplete(true).lastOfRun(true).checkpointKey(replayKey)
                        .baseModelKey("inputs/" + runId + "/base/")
                        .extendedModelKey("runs/" + runId + "/trainer/1/extension/").step(10).tokens(10).loss(1).build());
        StackClient.publisher().publish(Topics.CHECKPOINT_READY, runId, Json.write(event));

        await().atMost(Duration.ofSeconds(90)).until(() -> readText(Topics.MODEL_MERGED, runId), l -> !l.isEmpty());

        assertThat(SlowMergerHandler.INVOCATIONS).hasValue(1);
        assertThat(rebalances.revoked()).as("partitions revoked during the long attempt").isEqualTo(revokedBefore);
        assertThat(rebalances.assigned()).as("partitions re-assigned during the long attempt").isEqualTo(assignedBefore);
        assertThat(readText(Topics.MODEL_MERGED, runId)).hasSize(1);
        assertThat(store().listFolders(ObjectKeys.stage(runId, Stage.MERGER))).hasSize(1);
        long running = readText(Topics.STAGE_PROGRESS, runId).stream()
                .map(s -> Events.<StageProgress>parse(Topics.STAGE_PROGRESS, s).payload())
                .filter(p -> StageProgress.RUNNING.equals(p.state())).count();
        assertThat(running).as("progress events, about one per second of work").isGreaterThanOrEqualTo(5);
        try (KafkaAdminTools admin = KafkaAdminTools.connect(SharedTestStack.get().kafkaBootstrap())) {
            ConsumerGroupLag group = await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.lag(Stage.MERGER.consumerGroup()), g -> g.totalLag() == 0);
            assertThat(group.members()).isEqualTo(1);
        }
        assertThat(StackClient.httpGet(health).statusCode()).isEqualTo(200);
    }
}
