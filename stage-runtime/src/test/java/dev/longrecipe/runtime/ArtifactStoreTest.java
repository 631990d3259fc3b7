package dev.longrecipe.runtime;

import static dev.longrecipe.runtime.TestStack.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ArtifactStore against the real S3 server (S3Proxy) of local-stack, through the MinIO client. */
class ArtifactStoreTest {
    @TempDir
    Path tmp;

    @Test
    void folderUploadedUnderAPrefixDownloadsBackWithTheSameTreeAndBytes() throws Exception {
        String prefix = "tests/" + TestStack.newRunId("folder") + "/model";
        Path src = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(tmp.resolve("src/config.json"), "{\"a\":1}");
        byte[] weights = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(weights);
        Files.write(src.resolve("model.safetensors"), weights);

        assertThat(store().uploadFolder(tmp.resolve("src"), prefix))
                .containsExactly(prefix + "/config.json", prefix + "/sub/model.safetensors");
        Path out = store().downloadFolder(prefix + "/", tmp.resolve("out"));

        assertThat(Files.readString(out.resolve("config.json"))).isEqualTo("{\"a\":1}");
        assertThat(Files.readAllBytes(out.resolve("sub/model.safetensors"))).isEqualTo(weights);
        assertThat(store().listFolders(prefix)).containsExactly(prefix + "/sub/");
    }

    @Test
    void textAndJsonRoundTripAndExistsListCopyDelete() {
        String prefix = "tests/" + TestStack.newRunId("ops") + "/";
        store().putText(prefix + "a.txt", "hello ✓");
        store().putJson(prefix + "b.json", Map.of("x", 2));
        store().copy(prefix + "a.txt", prefix + "copy/a.txt");

        assertThat(store().getText(prefix + "a.txt")).isEqualTo("hello ✓");
        assertThat(store().getJson(prefix + "b.json", Map.class)).isEqualTo(Map.of("x", 2));
        assertThat(store().exists(prefix + "copy/a.txt")).isTrue();
        assertThat(store().exists(prefix + "nope.txt")).isFalse();
        assertThat(store().list(prefix)).containsExactly(prefix + "a.txt", prefix + "b.json", prefix + "copy/a.txt");

        assertThat(store().deletePrefix(prefix)).isEqualTo(3);
        assertThat(store().list(prefix)).isEmpty();
    }

    @Test
    void missingObjectAndEmptyFolderErrorsNameTheKeyAndTheFix() {
        String key = "tests/" + TestStack.newRunId("missing") + "/model.safetensors";
        assertThatThrownBy(() -> store().getText(key)).isInstanceOf(MissingObjectException.class)
                .hasMessageContaining("s3://" + store().bucket() + "/" + key).hasMessageContaining("upload it");
        assertThatThrownBy(() -> store().downloadFolder("tests/none-such/", tmp))
                .isInstanceOf(MissingObjectException.class).hasMessageContaining("no objects exist below");
    }

    @Test
    void locationsInThePlatformBucketBecomeKeysAndOtherBucketsAreRefused() {
        assertThat(store().keyOf("s3://" + store().bucket() + "/inputs/llama")).isEqualTo("inputs/llama");
        assertThat(store().keyOf("inputs/llama")).isEqualTo("inputs/llama");
        assertThatThrownBy(() -> store().keyOf("s3://elsewhere/x")).hasMessageContaining("bucket 'elsewhere'")
                .hasMessageContaining("copy the object there");
    }

    @Test
    void unreachableEndpointIsARetriableStorageFailure() {
        ArtifactStore dead = ArtifactStore.connect(new S3Settings("http://127.0.0.1:9", "a", "b", "longrecipe"));
        assertThatThrownBy(() -> dead.getText("x")).isInstanceOf(StorageUnavailableException.class)
                .isInstanceOf(RetriableFailure.class).hasMessageContaining("127.0.0.1:9");
        assertThat(Failure.of(new StorageUnavailableException("down", null)).retriable()).isTrue();
        assertThatThrownBy(() -> dead.getText("x")).hasMessageNotContaining("the attempt is retried");
    }

    @Test
    void retryingStoreGivesUpAfterTheOutageBudgetNamingWhatWasUnreachable() {
        Outages outages = new Outages(null);
        ArtifactStore dead = ArtifactStore.connect(new S3Settings("http://127.0.0.1:9", "a", "b", "longrecipe"))
                .withRetry(new OutageRetry(new RetryPolicy(java.time.Duration.ofMillis(20),
                        java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(400)), outages));
        assertThatThrownBy(() -> dead.putText("runs/r/x.json", "{}")).isInstanceOf(OutageBudgetSpentException.class)
                .isInstanceOf(RetriableFailure.class).hasMessageContaining("S3 stayed unreachable")
                .hasMessageContaining("outage budget").hasMessageContaining("put 'runs/r/x.json'")
                .hasMessageContaining("127.0.0.1:9");
        assertThat(outages.current()).as("no longer waiting once it gave up").isEmpty();
    }

    @Test
    void bugsAndRefusalsAreFatalAndNotRetried() {
        assertThat(Failure.of(new IllegalStateException("closed")).retriable()).isFalse();
        assertThat(Failure.of(new NullPointerException()).retriable()).isFalse();
        assertThat(Failure.of(new IllegalStateException("wrapped", new java.net.ConnectException("refused")))
                .retriable()).isFalse();
        assertThat(Failure.of(new IllegalStateException("wrapped", new StorageUnavailableException("down", null)))
                .retriable()).as("an explicitly retriable cause stays retriable").isTrue();
        assertThat(Failure.of(new EventPublishException("closed", null, true)).retriable()).isTrue();
        // a missing object is not retried, even by a retrying store
        Outages outages = new Outages(null);
        ArtifactStore retrying = store().withRetry(new OutageRetry(new RetryPolicy(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(5)), outages));
        assertThatThrownBy(() -> retrying.getText("no/such/object-" + System.nanoTime()))
                .isInstanceOf(MissingObjectException.class);
    }
}
