package dev.longrecipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/**
 * A stack of its own (not the shared one) through the CLI's life cycle — {@code up} (detached),
 * attach from another command, {@code down}, {@code up} again — and a test's: closed without trace.
 * One scenario, because every start costs seconds of a shared machine.
 */
class LocalStackLifecycleTest {

    private static final Path STATE_DIR = Path.of("target", "lifecycle-stack").toAbsolutePath();

    @Test
    void aDetachedStackIsAttachedAndStopped_thenRestartsWithItsDataAndClosesWithoutTrace() throws Exception {
        ConfigFiles.deleteRecursively(STATE_DIR);
        StackOptions options = StackOptions.defaults()
                .withTopics(List.of(new TopicSpec("lifecycle.three", 3), TopicSpec.of("lifecycle.one")))
                .withBucket("lifecycle-bucket");

        // up: detached, so closing the starter's object leaves the servers running
        LocalStack started = LocalStack.start(STATE_DIR, options.withDetached(true));
        try {
            started.close();
            assertThat(LocalStack.isRunning(STATE_DIR)).isTrue();
            assertThat(hsperfdata(started.kafkaPid())).as("JVM files of the servers stay out of /tmp").doesNotExist();
            assertThat(hsperfdata(started.s3Pid())).doesNotExist();

            // another command finds it through stack.json
            LocalStack attached = LocalStack.attach(STATE_DIR);
            assertThat(attached.kafkaBootstrap()).isEqualTo(started.kafkaBootstrap());
            assertThat(attached.s3Endpoint()).isEqualTo(started.s3Endpoint());
            assertThat(attached.accessKey()).isEqualTo("longrecipe");
            assertThat(attached.secretKey()).isEqualTo("longrecipe-secret");
            assertThat(attached.bucket()).isEqualTo("lifecycle-bucket");
            assertThat(attached.detached()).isTrue();
            assertThat(attached.logDir()).isEqualTo(STATE_DIR.resolve("logs"));
            assertThat(attached.logDir().resolve("kafka.log")).isNotEmptyFile();
            assertThat(attached.logDir().resolve("s3.log")).isNotEmptyFile();
            assertThat(partitionCounts(attached)).containsEntry("lifecycle.three", 3).containsEntry("lifecycle.one", 1);
            try (MinioClient s3 = attached.newS3Client()) {
                assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket("lifecycle-bucket").build())).isTrue();
                byte[] body = "kept".getBytes(StandardCharsets.UTF_8);
                s3.putObject(PutObjectArgs.builder().bucket(attached.bucket()).object("kept.txt")
                        .stream(new ByteArrayInputStream(body), (long) body.length, -1L).build());
            }
            assertThatThrownBy(() -> LocalStack.start(STATE_DIR, StackOptions.defaults()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running from " + STATE_DIR);
        } finally {
            // down
            assertThat(LocalStack.stop(STATE_DIR)).isTrue();
        }
        assertThat(alive(started.kafkaPid())).isFalse();
        assertThat(alive(started.s3Pid())).isFalse();
        assertThat(LocalStack.isRunning(STATE_DIR)).isFalse();
        assertThat(STATE_DIR.resolve("stack.json")).doesNotExist();
        assertThatThrownBy(() -> LocalStack.attach(STATE_DIR))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No local stack is running from " + STATE_DIR);
        assertThat(LocalStack.stop(STATE_DIR)).as("stopping twice").isFalse();

        // up again, this time as a test would: new ports, same topics and objects
        long kafkaPid;
        long s3Pid;
        try (LocalStack restarted = LocalStack.start(STATE_DIR, options.withTemporaryStateDir(true))) {
            kafkaPid = restarted.kafkaPid();
            s3Pid = restarted.s3Pid();
            assertThat(restarted.kafkaBootstrap()).isNotEqualTo(started.kafkaBootstrap());
            assertThat(Files.readString(STATE_DIR.resolve("stack.json")))
                    .contains(restarted.kafkaBootstrap(), restarted.s3Endpoint(), Long.toString(kafkaPid));
            assertThat(partitionCounts(restarted)).containsEntry("lifecycle.three", 3);
            try (MinioClient s3 = restarted.newS3Client();
                 GetObjectResponse kept = s3.getObject(GetObjectArgs.builder().bucket(restarted.bucket())
                         .object("kept.txt").build())) {
                assertThat(new String(kept.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");
            }
            System.out.println("local stack restarted in " + restarted.startupTime().toMillis() + " ms");
        }

        // close: both servers gone, the temporary state directory too
        assertThat(alive(kafkaPid)).as("Kafka pid %d after close", kafkaPid).isFalse();
        assertThat(alive(s3Pid)).as("S3Proxy pid %d after close", s3Pid).isFalse();
        assertThat(STATE_DIR).doesNotExist();
    }

    private static Map<String, Integer> partitionCounts(LocalStack stack) throws Exception {
        try (Admin admin = KafkaBroker.admin(stack.kafkaBootstrap())) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("lifecycle.three", "lifecycle.one"))
                    .allTopicNames().get(15, TimeUnit.SECONDS);
            return Map.of("lifecycle.three", topics.get("lifecycle.three").partitions().size(),
                    "lifecycle.one", topics.get("lifecycle.one").partitions().size());
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Path hsperfdata(long pid) {
        return Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(pid));
    }
}
