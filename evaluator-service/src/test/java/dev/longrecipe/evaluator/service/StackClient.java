package dev.longrecipe.evaluator.service;

import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.KafkaEventPublisher;
import dev.longrecipe.runtime.S3Settings;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.SharedTestStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a test does from outside the service: put inputs in S3, publish and read Kafka messages. */
final class StackClient {
    private static ArtifactStore store;
    private static KafkaEventPublisher publisher;

    private StackClient() {
    }

    static synchronized ArtifactStore store() {
        if (store == null) {
            LocalStack stack = SharedTestStack.get();
            store = ArtifactStore.connect(new S3Settings(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                    stack.bucket()));
            publisher = new KafkaEventPublisher(Map.of("bootstrap.servers", stack.kafkaBootstrap()));
        }
        return store;
    }

    static KafkaEventPublisher publisher() {
        store();
        return publisher;
    }

    static String newRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stores a valid run spec as `longrecipe submit` does; {@code extraYaml} adds fields. */
    static String submitSpec(String runId, String extraYaml) {
        String yaml = "runId: " + runId + "\nbaseModel: inputs/" + runId + "/base\ncorpus: inputs/" + runId
                + "/corpus.jsonl\nreplayCorpus: inputs/replay.jsonl\n" + extraYaml;
        String json = Json.write(RunSpecs.parse(yaml));
        store().putText(ObjectKeys.spec(runId), json);
        return json;
    }

    /** Every message on {@code topic} keyed {@code key}, from the beginning. */
    static List<ConsumerRecord<String, byte[]>> read(String topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestStack.get().kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    static List<String> readText(String topic, String key) {
        return read(topic, key).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
