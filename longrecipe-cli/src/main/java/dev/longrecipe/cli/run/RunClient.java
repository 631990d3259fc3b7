package dev.longrecipe.cli.run;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.KafkaEventPublisher;
import dev.longrecipe.runtime.S3Settings;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the run commands share: the running stack's S3 store and a Kafka producer. */
public final class RunClient implements AutoCloseable {
    private final LocalStack stack;
    private final ArtifactStore store;
    private final KafkaEventPublisher publisher;

    private RunClient(LocalStack stack) {
        this.stack = stack;
        this.store = ArtifactStore.connect(new S3Settings(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                stack.bucket()));
        this.publisher = new KafkaEventPublisher(Map.of("bootstrap.servers", stack.kafkaBootstrap()));
    }

    public static RunClient connect(Platform platform) {
        return new RunClient(platform.stack());
    }

    /** A client of a stack started some other way (tests: the shared test stack). */
    static RunClient of(LocalStack stack) {
        return new RunClient(stack);
    }

    public LocalStack stack() {
        return stack;
    }

    public ArtifactStore store() {
        return store;
    }

    /** Publishes an event as JSON, keyed by run id (ordering per run). */
    public void publish(String topic, String runId, Event<?> event) {
        publisher.publish(topic, runId, Json.write(event).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Publishes an event that is already JSON text, keyed by run id. */
    public void publishJson(String topic, String runId, String json) {
        publisher.publish(topic, runId, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Attempt numbers of a stage in a run, ascending. */
    public List<Integer> attempts(String runId, Stage stage) {
        return store.listFolders(ObjectKeys.stage(runId, stage)).stream()
                .map(k -> ObjectKeys.attemptOf(runId, stage, k)).filter(n -> n > 0).sorted().toList();
    }

    /** The latest completed attempt of a stage, if any. */
    public Optional<Integer> latestCompleted(String runId, Stage stage) {
        return attempts(runId, stage).stream().filter(a -> store.exists(ObjectKeys.completed(runId, stage, a)))
                .max(Comparator.naturalOrder());
    }

    /** Run ids present in the bucket. */
    public List<String> runs() {
        return store.listFolders("runs/").stream().map(k -> k.substring("runs/".length()).replace("/", ""))
                .sorted().toList();
    }

    @Override
    public void close() {
        publisher.close();
    }
}
