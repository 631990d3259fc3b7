package dev.longrecipe.analyzer.service;

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

    /** Publishes an event as JSON keyed by its run id, as the services and the CLI do. */
    static void publish(String topic, String runId, Object event) {
        store();
        publisher.publish(topic, runId, event instanceof String s ? s : Json.write(event));
    }

    static String newRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stores a valid run spec as {@code longrecipe submit} does. */
    static void submitSpec(String runId, String yaml) {
        store().putText(ObjectKeys.spec(runId), Json.write(RunSpecs.parse("runId: " + runId + "\n" + yaml)));
    }

    /** The values of every message on {@code topic} keyed {@code key}, from the beginning. */
    static List<String> readText(String topic, String key) {
        return records(topic).stream().filter(r -> key.equals(r.key()))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    /** Every message on {@code topic}, from the beginning to its current end, without joining a group. */
    static List<ConsumerRecord<String, byte[]>> records(String topic) {
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
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
            }
        }
        return found;
    }
}
