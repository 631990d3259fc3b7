package dev.longrecipe.runtime;

import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.SharedTestStack;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The real broker and S3 server of this test JVM (local-stack), with the platform topics, and helpers to read them. */
final class TestStack {
    private static ArtifactStore store;
    private static KafkaEventPublisher publisher;

    private TestStack() {
    }

    static synchronized LocalStack stack() {
        LocalStack stack = SharedTestStack.get();
        if (store == null) {
            SharedTestStack.createTopics(Topics.all().toArray(String[]::new));
            store = ArtifactStore.connect(new S3Settings(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                    stack.bucket()));
            publisher = new KafkaEventPublisher(Map.of("bootstrap.servers", stack.kafkaBootstrap()));
        }
        return stack;
    }

    static ArtifactStore store() {
        stack();
        return store;
    }

    static KafkaEventPublisher publisher() {
        stack();
        return publisher;
    }

    static String newRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stores a valid spec for {@code runId} at runs/<run>/spec.json in the test stack's bucket. */
    static void submitSpec(String runId) {
        submitSpec(store(), runId);
    }

    /** Stores a valid spec for {@code runId} at runs/<run>/spec.json, as `longrecipe submit` does. */
    static void submitSpec(ObjectStore store, String runId) {
        String yaml = "runId: " + runId + "\nbaseModel: inputs/base\ncorpus: inputs/corpus.jsonl\n"
                + "replayCorpus: inputs/replay.jsonl\n";
        store.putText(ObjectKeys.spec(runId), Json.write(RunSpecs.parse(yaml)));
    }

    /** Every message on {@code topic} keyed {@code key}, from the beginning. */
    static List<ConsumerRecord<String, byte[]>> read(String topic, String key) {
        return TopicReader.readAllBytes(stack().kafkaBootstrap(), topic).stream()
                .filter(r -> key.equals(r.key())).toList();
    }

    static List<String> readText(String topic, String key) {
        return read(topic, key).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
