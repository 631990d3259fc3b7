package dev.longrecipe.trainer.service;

import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.KafkaEventPublisher;
import dev.longrecipe.runtime.S3Settings;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.SharedTestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a service test does from outside the service: put inputs in S3, publish and read Kafka messages, call HTTP. */
final class StackClient {
    private static ArtifactStore store;
    private static KafkaEventPublisher publisher;

    private StackClient() {
    }

    public static synchronized ArtifactStore store() {
        if (store == null) {
            LocalStack stack = SharedTestStack.get();
            store = ArtifactStore.connect(new S3Settings(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                    stack.bucket()));
            publisher = new KafkaEventPublisher(Map.of("bootstrap.servers", stack.kafkaBootstrap()));
        }
        return store;
    }

    public static KafkaEventPublisher publisher() {
        store();
        return publisher;
    }

    /** Publishes an event as JSON keyed by its run id, as the services and the CLI do. */
    public static void publish(String topic, String runId, Object event) {
        publisher().publish(topic, runId, event instanceof String s ? s : Json.write(event));
    }

    public static String newRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Stores a valid run spec as {@code longrecipe submit} does. {@code baseYaml} holds the inputs
     * (baseModel, corpus …); {@code extraYaml} adds or replaces fields.
     */
    public static void submitSpec(String runId, String yaml) {
        store().putText(ObjectKeys.spec(runId), Json.write(RunSpecs.parse("runId: " + runId + "\n" + yaml)));
    }

    /** Every message on {@code topic} keyed {@code key}, from the beginning. */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, String key) {
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

    public static List<String> readText(String topic, String key) {
        return read(topic, key).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static HttpResponse<String> get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
