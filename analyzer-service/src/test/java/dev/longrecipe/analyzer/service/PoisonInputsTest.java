package dev.longrecipe.analyzer.service;

import dev.longrecipe.analyzer.testing.Fixtures;
import dev.longrecipe.testsupport.LocalStackResource;
import dev.longrecipe.testsupport.StackClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.runtime.StageRunner;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.RunRequested;
import dev.longrecipe.schema.events.StageFailed;
import dev.longrecipe.stack.SharedTestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.longrecipe.testsupport.StackClient.header;
import static dev.longrecipe.testsupport.StackClient.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison inputs to the real analyzer service on the real broker and S3 server: each kind is dead-lettered exactly
 * once with a reason naming the problem (and, for inputs, the S3 location the user gave, never the service's scratch
 * folder), gets exactly one {@code stage.failed} marked not retriable, and the service stays ready throughout.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class PoisonInputsTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    /** A poison input: its run id (the message key) and text the dead-letter reason must contain. */
    private record Poison(String kind, String runId, List<String> reasonContains) {
    }

    private final List<Poison> poisons = new ArrayList<>();
    private String shared;

    private String poison(String kind, String... reasonContains) {
        String runId = StackClient.newRunId("poison");
        poisons.add(new Poison(kind, runId, List.of(reasonContains)));
        return runId;
    }

    private static Event<RunRequested> requested(String runId) {
        return new Event<>(EventHeader.request(runId), new RunRequested(ObjectKeys.spec(runId)));
    }

    /** Sound H′ and corpus shared by the model poisons; each poison brings its own broken H. */
    private void uploadShared() throws IOException {
        shared = "inputs/" + StackClient.newRunId("poison-shared") + "/";
        store().uploadFolder(Fixtures.modelWithTokenizer("llama-linear4", tmp.resolve("h-prime"), 512), shared + "h-prime/");
        store().uploadFile(Fixtures.kjvChapters(tmp.resolve("kjv.jsonl"), 2), shared + "kjv.jsonl");
    }

    private interface Breaker {
        void breakIt(Path model) throws IOException;
    }

    /** Uploads H broken by {@code breaker}, stores a valid spec with H′ (so the analyzer downloads both) and publishes. */
    private void modelPoison(String runId, Breaker breaker, String corpusKey) throws IOException {
        Path h = Fixtures.modelWithTokenizer("llama-default", tmp.resolve(runId), 512);
        breaker.breakIt(h);
        store().uploadFolder(h, "inputs/" + runId + "/h/");
        StackClient.submitSpec(runId, "baseModel: inputs/" + runId + "/h/\nreferenceModel: " + shared + "h-prime/\n"
                + "corpus: " + corpusKey + "\nreplayCorpus: " + corpusKey + "\n"
                + "analyzer:\n  samples: 1\n  length: 32\n  positionBuckets: 2\n");
        StackClient.publish(Topics.RUN_REQUESTED, runId, requested(runId));
    }

    @Test
    void eachPoisonIsDeadLetteredOnceWithAClearReasonAndTheServiceStaysReady() throws Exception {
        uploadShared();
        String kjv = shared + "kjv.jsonl";

        String malformed = poison("malformed JSON", "is not valid JSON");
        StackClient.publish(Topics.RUN_REQUESTED, malformed, "{\"schemaVersion\": 2, \"header\": ");

        String oversized = poison("oversized event", "over the 1000000-character limit");
        ObjectNode big = (ObjectNode) JSON.readTree(Json.write(requested(oversized)));
        big.put("padding", "x".repeat(1_020_000));
        StackClient.publish(Topics.RUN_REQUESTED, oversized, big.toString());

        String version = poison("unknown schemaVersion", "schemaVersion 99", "understands only version 2");
        ObjectNode v99 = (ObjectNode) JSON.readTree(Json.write(requested(version)));
        v99.put("schemaVersion", 99);
        StackClient.publish(Topics.RUN_REQUESTED, version, v99.toString());

        // an event of the previous (flat) wire format, as a producer of the release before would publish it
        String flat = poison("version-1 event", "version-1 event", "needs version 2", "upgrade the producer",
                "longrecipe rerun");
        StackClient.publish(Topics.RUN_REQUESTED, flat, "{\"schemaVersion\":1,\"eventId\":\"" + Events.newId()
                + "\",\"runId\":\"" + flat + "\",\"createdAt\":\"" + Events.now() + "\",\"attempt\":0,\"lineage\":{},"
                + "\"rerun\":false,\"overrides\":{},\"stopAfter\":false,\"halt\":false,\"specKey\":\""
                + ObjectKeys.spec(flat) + "\"}");

        String badSpec = poison("spec with invalid fields", "invalid run spec", "segmenter.ratio", "analyzer.samples");
        store().putText(ObjectKeys.spec(badSpec), "runId: " + badSpec + "\nbaseModel: m/\ncorpus: c.jsonl\n"
                + "replayCorpus: c.jsonl\nsegmenter:\n  ratio: 7\nanalyzer:\n  samples: 0\n");
        StackClient.publish(Topics.RUN_REQUESTED, badSpec, requested(badSpec));

        // (that an unknown run id also creates no claim under runs/<id>/ is StageRunner's part of issue 13)
        String unknown = poison("unknown run id", "spec.json' does not exist");
        StackClient.publish(Topics.RUN_REQUESTED, unknown, requested(unknown));

        String corrupt = poison("corrupt safetensors", "/h/model.safetensors: header is not valid JSON");
        modelPoison(corrupt, h -> overwrite(h.resolve("model.safetensors"), 8, "#corrupt#"), kjv);

        String truncated = poison("truncated safetensors", "/h/model.safetensors", "truncated");
        modelPoison(truncated, h -> {
            try (FileChannel ch = FileChannel.open(h.resolve("model.safetensors"), StandardOpenOption.WRITE)) {
                ch.truncate(ch.size() - 4096);
            }
        }, kjv);

        String lying = poison("config.json lying about shapes", "config.json implies");
        modelPoison(lying, h -> {
            ObjectNode c = (ObjectNode) JSON.readTree(h.resolve("config.json").toFile());
            c.put("hidden_size", c.get("hidden_size").asInt() * 2);
            Files.writeString(h.resolve("config.json"), c.toString());
        }, kjv);

        String tokenizer = poison("tokenizer.json that is not one", "tokenizer.json is not a Hugging Face tokenizer");
        modelPoison(tokenizer, h -> Files.writeString(h.resolve("tokenizer.json"), "[\"not\", \"a\", \"tokenizer\"]"),
                kjv);

        String latin1 = poison("corpus not UTF-8", "corpus: inputs/", "is not UTF-8", "iconv");
        String latin1Key = "inputs/" + latin1 + "/latin1.jsonl";
        Path latin1File = Files.write(tmp.resolve("latin1.jsonl"),
                "{\"text\": \"caf\u00e9 au lait\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        store().uploadFile(latin1File, latin1Key);
        modelPoison(latin1, h -> { }, latin1Key);

        String huge = poison("safetensors header claiming 100 GB", "header length field says 100000000000");
        modelPoison(huge, h -> {
            try (FileChannel ch = FileChannel.open(h.resolve("model.safetensors"), StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 100_000_000_000L), 0);
            }
        }, kjv);

        String pickle = poison("pickle weights", "pickle", "safe_serialization=True");
        modelPoison(pickle, h -> {
            Files.delete(h.resolve("model.safetensors"));
            Files.write(h.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, 'c', 'o', 's'});
        }, kjv);

        String traversal = poison("location escaping its prefix", "'..' segment");
        StackClient.submitSpec(traversal, "baseModel: inputs/" + traversal + "/../../runs/other/\n"
                + "referenceModel: " + shared + "h-prime/\ncorpus: " + kjv + "\nreplayCorpus: " + kjv + "\n");
        StackClient.publish(Topics.RUN_REQUESTED, traversal, requested(traversal));

        assertThat(poisons).hasSizeGreaterThanOrEqualTo(10);
        String dlq = Stage.ANALYZER.deadLetterTopic();
        Map<String, List<ConsumerRecord<String, byte[]>>> dead = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                .until(() -> byKey(dlq), found -> poisons.stream().allMatch(p -> found.containsKey(p.runId())));
        Map<String, List<ConsumerRecord<String, byte[]>>> failed = await().atMost(WAIT)
                .until(() -> byKey(Topics.STAGE_FAILED), found -> poisons.stream().allMatch(p -> found.containsKey(p.runId())));

        String scratch = Path.of("target", "work").toAbsolutePath().toString();
        for (Poison p : poisons) {
            assertThat(dead.get(p.runId())).as(p.kind() + ": dead letters").hasSize(1);
            String reason = header(dead.get(p.runId()).get(0), StageRunner.DLQ_REASON);
            for (String expected : p.reasonContains()) {
                assertThat(reason).as(p.kind() + ": reason").contains(expected);
            }
            assertThat(reason).as(p.kind() + ": reason names no scratch folder").doesNotContain(scratch);
            assertThat(failed.get(p.runId())).as(p.kind() + ": stage.failed").hasSize(1);
            StageFailed event = Events.<StageFailed>parse(Topics.STAGE_FAILED,
                    new String(failed.get(p.runId()).get(0).value(), StandardCharsets.UTF_8)).payload();
            assertThat(event.retriable()).as(p.kind() + ": fatal").isFalse();
            assertThat(event.reason()).isEqualTo(reason);
            assertThat(reason).as(p.kind() + ": no credentials").doesNotContain(SharedTestStack.get().secretKey());
        }
        // the model poisons name the S3 location the spec gave
        assertThat(header(dead.get(truncated).get(0), StageRunner.DLQ_REASON))
                .contains("inputs/" + truncated + "/h/model.safetensors");

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ready.toString()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\": \"UP\"");
    }

    private static void overwrite(Path file, long at, String text) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            f.write(text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Every message on {@code topic} from the beginning, grouped by key. */
    private static Map<String, List<ConsumerRecord<String, byte[]>>> byKey(String topic) {
        Map<String, List<ConsumerRecord<String, byte[]>>> found = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : StackClient.records(topic)) {
            if (r.key() != null) {
                found.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
            }
        }
        return found;
    }
}
