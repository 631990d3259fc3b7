package dev.longrecipe.merger.service;

import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.ShardedModelWriter;
import dev.longrecipe.hf.TensorSpec;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a test does from outside the service: put inputs in S3, publish and read Kafka messages, call HTTP. */
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

    /** Stores a valid run spec as `longrecipe submit` does; {@code extraYaml} adds or replaces fields. */
    static void submitSpec(String runId, String extraYaml) {
        String yaml = "runId: " + runId + "\nbaseModel: inputs/base\ncorpus: inputs/corpus.jsonl\n"
                + "replayCorpus: inputs/replay.jsonl\n" + extraYaml;
        store().putText(ObjectKeys.spec(runId), Json.write(RunSpecs.parse(yaml)));
    }

    /** The tensors of a tiny Llama-shaped model (hidden 16, vocab 32, 2 layers). */
    static List<TensorSpec> plan() {
        List<TensorSpec> plan = new ArrayList<>();
        plan.add(new TensorSpec("model.embed_tokens.weight", DType.F32, new long[] {32, 16}));
        for (int layer = 0; layer < 2; layer++) {
            String p = "model.layers." + layer + ".";
            plan.add(new TensorSpec(p + "input_layernorm.weight", DType.F32, new long[] {16}));
            plan.add(new TensorSpec(p + "self_attn.q_proj.weight", DType.F32, new long[] {16, 16}));
            plan.add(new TensorSpec(p + "mlp.up_proj.weight", DType.F32, new long[] {40, 16}));
        }
        plan.add(new TensorSpec("model.norm.weight", DType.F32, new long[] {16}));
        return plan;
    }

    /** Writes a tiny random model with config.json and tokenizer.json; {@code maxShardBytes} small → sharded. */
    static Path writeModel(Path dir, long seed, long maxShardBytes) {
        Random random = new Random(seed);
        try (ShardedModelWriter writer = new ShardedModelWriter(dir, plan(), maxShardBytes)) {
            writer.addFile("config.json", "{\"model_type\":\"llama\",\"max_position_embeddings\":1024}"
                    .getBytes(StandardCharsets.UTF_8));
            writer.addFile("tokenizer.json", ("{\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8));
            for (TensorSpec t : plan()) {
                float[] values = new float[(int) t.numel()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                writer.writeFloat32(t.name(), values);
            }
        }
        return dir;
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

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static HttpResponse<String> get(URI uri) {
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
