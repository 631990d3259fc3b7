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

/** Stacks of their own (not the shared one): start, attach, stop, close. */
class LocalStackLifecycleTest {

    private static final Path STACKS = Path.of("target", "lifecycle-stacks").toAbsolutePath();

    @Test
    void startCreatesTopicsAndBucket_andCloseStopsBothServersAndDeletesTheTemporaryStateDir() throws Exception {
        Path stateDir = STACKS.resolve("temporary");
        StackOptions options = StackOptions.defaults()
                .withTopics(List.of(new TopicSpec("lifecycle.three", 3), TopicSpec.of("lifecycle.one")))
                .withBucket("lifecycle-bucket")
                .withTemporaryStateDir(true);

        long kafkaPid;
        long s3Pid;
        try (LocalStack stack = LocalStack.start(stateDir, options)) {
            kafkaPid = stack.kafkaPid();
            s3Pid = stack.s3Pid();
            assertThat(alive(kafkaPid)).isTrue();
            assertThat(alive(s3Pid)).isTrue();
            assertThat(stateDir.resolve("stack.json")).isRegularFile();
            assertThat(Files.readString(stateDir.resolve("stack.json"))).contains(stack.kafkaBootstrap(),
                    stack.s3Endpoint(), Long.toString(kafkaPid), Long.toString(s3Pid));

            try (Admin admin = KafkaBroker.admin(stack.kafkaBootstrap())) {
                Map<String, TopicDescription> topics = admin.describeTopics(List.of("lifecycle.three",
                        "lifecycle.one")).allTopicNames().get(15, TimeUnit.SECONDS);
                assertThat(topics.get("lifecycle.three").partitions()).hasSize(3);
                assertThat(topics.get("lifecycle.one").partitions()).hasSize(1);
            }
            try (MinioClient s3 = stack.newS3Client()) {
                assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket("lifecycle-bucket").build())).isTrue();
            }
            // the servers' temp files stay in the state dir: no hsperfdata in the system temp dir
            assertThat(hsperfdata(kafkaPid)).doesNotExist();
            assertThat(hsperfdata(s3Pid)).doesNotExist();
            System.out.println("local stack started in " + stack.startupTime().toMillis() + " ms");
        }

        assertThat(alive(kafkaPid)).as("Kafka pid %d after close", kafkaPid).isFalse();
        assertThat(alive(s3Pid)).as("S3Proxy pid %d after close", s3Pid).isFalse();
        assertThat(stateDir).doesNotExist();
    }

    @Test
    void attachFindsADetachedStack_stopEndsIt_andARestartKeepsTopicsAndObjects() throws Exception {
        Path stateDir = STACKS.resolve("detached");
        ConfigFiles.deleteRecursively(stateDir);
        LocalStack started = LocalStack.start(stateDir, StackOptions.defaults().withDetached(true)
                .withTopics("detached.topic"));
        try {
            started.close(); // a detached stack outlives its starter object
            assertThat(LocalStack.isRunning(stateDir)).isTrue();

            LocalStack attached = LocalStack.attach(stateDir);

            assertThat(attached.kafkaBootstrap()).isEqualTo(started.kafkaBootstrap());
            assertThat(attached.s3Endpoint()).isEqualTo(started.s3Endpoint());
            assertThat(attached.accessKey()).isEqualTo("longrecipe");
            assertThat(attached.secretKey()).isEqualTo("longrecipe-secret");
            assertThat(attached.bucket()).isEqualTo("longrecipe");
            assertThat(attached.detached()).isTrue();
            assertThat(attached.logDir()).isEqualTo(stateDir.resolve("logs"));
            try (Admin admin = KafkaBroker.admin(attached.kafkaBootstrap())) {
                assertThat(admin.listTopics().names().get(15, TimeUnit.SECONDS)).contains("detached.topic");
            }
            try (MinioClient s3 = attached.newS3Client()) {
                byte[] body = "kept".getBytes(StandardCharsets.UTF_8);
                s3.putObject(PutObjectArgs.builder().bucket(attached.bucket()).object("kept.txt")
                        .stream(new ByteArrayInputStream(body), (long) body.length, -1L).build());
            }
            assertThatThrownBy(() -> LocalStack.start(stateDir, StackOptions.defaults()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running from " + stateDir);
        } finally {
            assertThat(LocalStack.stop(stateDir)).isTrue();
        }

        assertThat(alive(started.kafkaPid())).isFalse();
        assertThat(alive(started.s3Pid())).isFalse();
        assertThat(LocalStack.isRunning(stateDir)).isFalse();
        assertThat(stateDir.resolve("stack.json")).doesNotExist();
        assertThat(stateDir.resolve("kafka/data/meta.properties")).isRegularFile();
        assertThatThrownBy(() -> LocalStack.attach(stateDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No local stack is running from " + stateDir);
        assertThat(LocalStack.stop(stateDir)).as("stopping twice").isFalse();

        // `up` after `down`: new ports, same topics and objects
        try (LocalStack restarted = LocalStack.start(stateDir, StackOptions.defaults())) {
            assertThat(restarted.kafkaBootstrap()).isNotEqualTo(started.kafkaBootstrap());
            try (Admin admin = KafkaBroker.admin(restarted.kafkaBootstrap())) {
                assertThat(admin.listTopics().names().get(15, TimeUnit.SECONDS)).contains("detached.topic");
            }
            try (MinioClient s3 = restarted.newS3Client();
                 GetObjectResponse kept = s3.getObject(GetObjectArgs.builder().bucket(restarted.bucket())
                         .object("kept.txt").build())) {
                assertThat(new String(kept.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");
            }
        }
        assertThat(stateDir.resolve("kafka/data/meta.properties")).as("not a temporary state dir").isRegularFile();
        ConfigFiles.deleteRecursively(stateDir);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Path hsperfdata(long pid) {
        return Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(pid));
    }
}
