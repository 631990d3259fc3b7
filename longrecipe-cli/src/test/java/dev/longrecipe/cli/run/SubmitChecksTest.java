package dev.longrecipe.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.cli.demo.RandomLlama;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.KafkaEventPublisher;
import dev.longrecipe.runtime.S3Settings;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.RunRequested;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.SharedTestStack;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code longrecipe submit} against the real S3 server and broker of the test stack: every kind of bad input is
 * refused before the first byte is uploaded (nothing under {@code inputs/<run>/} or {@code runs/<run>/}), with a
 * message naming the spec field, the user's path, the problem and the fix; a sound submission uploads and announces.
 */
class SubmitChecksTest {
    private static final Path FIXTURES = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ArtifactStore store;
    private static KafkaEventPublisher publisher;

    @TempDir
    Path tmp;

    private final List<Event<RunRequested>> announced = new ArrayList<>();

    @BeforeAll
    static void connect() {
        LocalStack stack = SharedTestStack.get();
        SharedTestStack.createTopics(Topics.RUN_REQUESTED);
        store = ArtifactStore.connect(new S3Settings(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                stack.bucket()));
        store.ensureBucket();
        publisher = new KafkaEventPublisher(Map.of("bootstrap.servers", stack.kafkaBootstrap()));
    }

    private Consumer<Event<RunRequested>> announce() {
        return e -> {
            publisher.publish(Topics.RUN_REQUESTED, e.header().runId(), Json.write(e));
            announced.add(e);
        };
    }

    /** A spec folder with a sound base model (random Llama + its tokenizer) and a sound 8 MB corpus. */
    private Path inputs() throws IOException {
        new RandomLlama(32, 2, 4, 2, 64, 64, 10000.0).write(tmp.resolve("base-model"),
                FIXTURES.resolve("tokenizer-bpe2048/tokenizer.json"), 2048, 1, 2, 7);
        StringBuilder corpus = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            corpus.append("{\"text\": \"document ").append(i).append(" of the corpus, long enough text\"}\n");
        }
        Files.writeString(tmp.resolve("corpus.jsonl"), corpus);
        return tmp;
    }

    private Path spec(String extra) throws IOException {
        return Files.writeString(tmp.resolve("spec.yaml"), "baseModel: base-model\ncorpus: corpus.jsonl\n"
                + "replayCorpus: corpus.jsonl\n" + extra);
    }

    /** Submits, expects a refusal naming {@code expected}, and checks nothing of the run reached S3 or Kafka. */
    private String refused(Path spec, String... expected) {
        String runId = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        Throwable t = catchThrowable(() -> SubmitCommand.submit(store, announce(), spec, runId, Map.of()));
        assertThat(t).isInstanceOf(IllegalArgumentException.class);
        for (String e : expected) {
            assertThat(t.getMessage()).contains(e);
        }
        assertThat(store.list("inputs/" + runId + "/")).as("uploaded inputs").isEmpty();
        assertThat(store.list(ObjectKeys.run(runId))).as("run objects").isEmpty();
        assertThat(announced).isEmpty();
        return t.getMessage();
    }

    @Test
    void aSoundSubmissionUploadsEveryInputAndAnnouncesTheRun() throws Exception {
        Path spec = spec("");
        inputs();
        String runId = "sound-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(SubmitCommand.submit(store, announce(), spec, runId, Map.of())).isEqualTo(runId);
        assertThat(store.list("inputs/" + runId + "/")).contains("inputs/" + runId + "/baseModel/config.json",
                "inputs/" + runId + "/baseModel/model.safetensors", "inputs/" + runId + "/baseModel/tokenizer.json",
                "inputs/" + runId + "/corpus/corpus.jsonl");
        assertThat(RunSpecs.parse(store.getText(ObjectKeys.spec(runId))).baseModel())
                .isEqualTo("inputs/" + runId + "/baseModel/");
        assertThat(announced).singleElement().extracting(e -> e.header().runId()).isEqualTo(runId);
        // credentials stay in the environment: neither the stored spec nor the event carries the secret key
        String secret = SharedTestStack.get().secretKey();
        assertThat(store.getText(ObjectKeys.spec(runId))).doesNotContain(secret);
        assertThat(Json.write(announced.get(0))).doesNotContain(secret);
    }

    @Test
    void aMissingCorpusIsFoundBeforeTheModelIsUploaded() throws IOException {
        inputs();
        Files.delete(tmp.resolve("corpus.jsonl"));
        refused(spec(""), "corpus: 'corpus.jsonl' is neither a local file (" + tmp.resolve("corpus.jsonl")
                + " does not exist) nor an object in S3", "give a JSONL file");
    }

    @Test
    void aCorruptConfigJsonIsRefusedNamingTheUsersFile() throws IOException {
        inputs();
        Files.writeString(tmp.resolve("base-model/config.json"), "{\"hidden_size\": 32,,}");
        refused(spec(""), "baseModel: " + tmp.resolve("base-model") + "/config.json is not valid JSON",
                "copy the config.json saved with these weights");
    }

    @Test
    void aTruncatedSafetensorsIsRefusedNamingTheUsersFile() throws IOException {
        inputs();
        try (FileChannel ch = FileChannel.open(tmp.resolve("base-model/model.safetensors"), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        refused(spec(""), "baseModel: " + tmp.resolve("base-model/model.safetensors"), "truncated",
                "copy or download it again");
    }

    @Test
    void aHeaderClaiming100GbIsRefused() throws IOException {
        inputs();
        try (FileChannel ch = FileChannel.open(tmp.resolve("base-model/model.safetensors"), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 100_000_000_000L), 0);
        }
        refused(spec(""), "header length field says 100000000000");
    }

    @Test
    void aCorruptSafetensorsHeaderIsRefused() throws IOException {
        inputs();
        try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("base-model/model.safetensors").toFile(), "rw")) {
            f.seek(8);
            f.write("!!".getBytes(StandardCharsets.US_ASCII));
        }
        refused(spec(""), "model.safetensors: header is not valid JSON");
    }

    @Test
    void aConfigJsonLyingAboutShapesIsRefused() throws IOException {
        inputs();
        Path config = tmp.resolve("base-model/config.json");
        ObjectNode c = (ObjectNode) JSON.readTree(config.toFile());
        c.put("num_key_value_heads", 1);
        Files.writeString(config, c.toString());
        refused(spec(""), "baseModel: " + tmp.resolve("base-model") + ": tensor 'model.layers.0.self_attn.k_proj.weight'"
                + " has shape", "config.json implies");
    }

    @Test
    void aTokenizerJsonThatIsNotOneIsRefused() throws IOException {
        inputs();
        Files.writeString(tmp.resolve("base-model/tokenizer.json"), "{\"not\": \"a tokenizer\"}");
        refused(spec(""), "tokenizer.json is not a Hugging Face tokenizer", "copy the tokenizer.json saved with");
    }

    @Test
    void pickleWeightsAreRefused() throws IOException {
        inputs();
        Files.delete(tmp.resolve("base-model/model.safetensors"));
        Files.write(tmp.resolve("base-model/pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        refused(spec(""), "pickle", "safe_serialization=True");
    }

    @Test
    void mergeParametersTheMergerWouldRefuseAreRefusedAtSubmission() throws IOException {
        inputs();
        refused(spec("merger:\n  method: ties\n  models: {replay: {weight: 1, density: 2}}\n"),
                "merger.models.replay.density", "(0, 1]");
        refused(spec("merger:\n  method: linear\n  models: {replay: {weight: 1}}\n  sweep: [0.5]\n"),
                "merger.sweep: the linear merge lists no base model", "add merger.models.base");
    }

    @Test
    void aCorpusThatIsNotUtf8OrNotJsonlIsRefused() throws IOException {
        inputs();
        Files.write(tmp.resolve("latin1.jsonl"), "{\"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(tmp.resolve("plain.jsonl"), "just words\n");
        Path spec = Files.writeString(tmp.resolve("spec.yaml"),
                "baseModel: base-model\ncorpus: latin1.jsonl\nreplayCorpus: plain.jsonl\n");
        String message = refused(spec,
                "corpus: " + tmp.resolve("latin1.jsonl") + " is not UTF-8", "iconv",
                "replayCorpus: " + tmp.resolve("plain.jsonl") + " line 1 is not JSON");
        assertThat(message).startsWith("the submission was refused before anything was uploaded");
    }

    @Test
    void inputLocationsThatTraverseOutOfTheirPrefixAndBadRunIdsAreRefused() throws IOException {
        inputs();
        refused(spec("referenceModel: s3://longrecipe/inputs/x/../../runs/other/\n"), "referenceModel",
                "'..' segment");
        Path spec = spec("");
        Throwable t = catchThrowable(() -> SubmitCommand.submit(store, announce(), spec, "../escape", Map.of()));
        assertThat(t).hasMessageContaining("run id '../escape'").hasMessageContaining(ObjectKeys.RUN_ID_PATTERN);
        assertThat(store.list("inputs/../escape/")).isEmpty();
        assertThat(announced).isEmpty();
    }
}
