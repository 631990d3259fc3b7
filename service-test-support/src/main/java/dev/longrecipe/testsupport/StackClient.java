package dev.longrecipe.testsupport;

import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.KafkaEventPublisher;
import dev.longrecipe.runtime.S3Settings;
import dev.longrecipe.runtime.TopicReader;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a service test does from outside the service, on the test JVM's shared local stack: put inputs and run specs
 * in S3, publish events, read what the service published, call its HTTP endpoints.
 */
public final class StackClient {
    /**
     * Inputs of a run spec for tests whose stage never reads them (the spec must name them to be valid).
     */
    public static final String PLACEHOLDER_INPUTS =
            "baseModel: inputs/base\ncorpus: inputs/corpus.jsonl\nreplayCorpus: inputs/replay.jsonl\n";

    private static ArtifactStore store;
    private static KafkaEventPublisher publisher;

    private StackClient() {
    }

    /** The bucket of the shared stack, as the services see it. */
    public static synchronized ArtifactStore store() {
        if (store == null) {
            LocalStack stack = SharedTestStack.get();
            store = ArtifactStore.connect(new S3Settings(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                    stack.bucket()));
            publisher = new KafkaEventPublisher(Map.of("bootstrap.servers", stack.kafkaBootstrap()));
        }
        return store;
    }

    /** A publisher to the shared stack's broker, as the services and the CLI use. */
    public static KafkaEventPublisher publisher() {
        store();
        return publisher;
    }

    /** Publishes an event as JSON (a string is sent as it is) keyed by its run id, as the services and the CLI do. */
    public static void publish(String topic, String runId, Object event) {
        publisher().publish(topic, runId, event instanceof String s ? s : Json.write(event));
    }

    /** A run id no other test uses: {@code prefix} and eight random hex digits. */
    public static String newRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Stores a valid run spec at {@code runs/<runId>/spec.json}, as {@code longrecipe submit} does; {@code yaml}
     * holds every field but the run id. Returns the stored JSON.
     */
    public static String submitSpec(String runId, String yaml) {
        String json = Json.write(RunSpecs.parse("runId: " + runId + "\n" + yaml));
        store().putText(ObjectKeys.spec(runId), json);
        return json;
    }

    /** Every message on {@code topic}, from the beginning to its current end, without joining a consumer group. */
    public static List<ConsumerRecord<String, byte[]>> records(String topic) {
        return TopicReader.readAllBytes(SharedTestStack.get().kafkaBootstrap(), topic);
    }

    /** Every message on {@code topic} keyed {@code key}, from the beginning. */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, String key) {
        return records(topic).stream().filter(r -> key.equals(r.key())).toList();
    }

    /** The values (UTF-8 text) of every message on {@code topic} keyed {@code key}, from the beginning. */
    public static List<String> readText(String topic, String key) {
        return read(topic, key).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    /** The last value of header {@code name} on {@code record} as text, or null when it has none. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** GET {@code uri} (a service's health or metrics endpoint), the body as text. */
    public static HttpResponse<String> httpGet(URI uri) {
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
