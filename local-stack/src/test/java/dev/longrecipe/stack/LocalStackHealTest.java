package dev.longrecipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A stack of its own (the shared one must not be killed), killed with SIGKILL server by server and healed:
 * same ports, same data, new processes; a healthy stack is left alone; a port taken meanwhile is refused with
 * the fix.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackHealTest {

    private static final Path STATE_DIR = Path.of("target", "heal-stack").toAbsolutePath();
    private static final String TOPIC = "heal.events";
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        ConfigFiles.deleteRecursively(STATE_DIR);
        stack = LocalStack.start(STATE_DIR, StackOptions.defaults().withTopics(TOPIC).withBucket("heal-bucket")
                .withTemporaryStateDir(true));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aHealthyStackIsLeftAlone() {
        long kafkaPid = stack.kafkaPid();
        long s3Pid = stack.s3Pid();

        List<Recovery> recoveries = stack.heal();

        assertThat(recoveries).containsExactly(new Recovery("kafka", "up", Recovery.NONE),
                new Recovery("s3", "up", Recovery.NONE));
        assertThat(stack.kafkaPid()).isEqualTo(kafkaPid);
        assertThat(stack.s3Pid()).isEqualTo(s3Pid);
        assertThat(LocalStack.startOrHeal(STATE_DIR, StackOptions.defaults()).recoveries())
                .as("up on a healthy stack").noneMatch(Recovery::acted);
    }

    @Test
    @Order(2)
    void aKilledBrokerIsRestartedOnItsPortWithItsRecords() throws Exception {
        String bootstrap = stack.kafkaBootstrap();
        long oldPid = stack.kafkaPid();
        KafkaRecords.produce(bootstrap, TOPIC, 0, 2);

        stack.kill(StackServer.KAFKA);
        assertThat(stack.health(StackServer.KAFKA)).isEqualTo(ProcessHealth.EXITED);
        assertThat(LocalStack.isRunning(STATE_DIR)).isFalse();

        List<Recovery> recoveries = stack.heal();

        assertThat(recoveries.get(0).component()).isEqualTo("kafka");
        assertThat(recoveries.get(0).was()).isEqualTo("exited (pid " + oldPid + ")");
        assertThat(recoveries.get(0).action()).startsWith("restarted on " + bootstrap);
        assertThat(recoveries.get(1)).isEqualTo(new Recovery("s3", "up", Recovery.NONE));
        assertThat(stack.kafkaBootstrap()).isEqualTo(bootstrap);
        assertThat(stack.kafkaPid()).isNotEqualTo(oldPid);
        assertThat(stack.health(StackServer.KAFKA)).isEqualTo(ProcessHealth.UP);
        assertThat(LocalStack.isRunning(STATE_DIR)).as("stack.json names the new pid").isTrue();
        assertThat(LocalStack.attach(STATE_DIR).kafkaPid()).isEqualTo(stack.kafkaPid());

        // a producer and a consumer on the old address: the records from before the kill, and a new one
        KafkaRecords.produce(bootstrap, TOPIC, 0, 3);
        try (KafkaConsumer<String, String> consumer = KafkaRecords.consumer(bootstrap, "heal-reader")) {
            List<ConsumerRecord<String, String>> records = KafkaRecords.readFromStart(consumer,
                    new TopicPartition(TOPIC, 0), 5);
            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactly("value-0", "value-1", "value-0", "value-1", "value-2");
        }
        assertThat(Files.readString(stack.logDir().resolve("kafka.log")).lines()
                .filter(l -> l.startsWith(LogFiles.BANNER_PREFIX) && l.contains("kafka started")))
                .as("the log of the killed broker is kept, with a banner per start")
                .hasSize(2);
    }

    @Test
    @Order(3)
    void aKilledS3ServerIsRestartedOnItsPortWithItsObjects() throws Exception {
        String endpoint = stack.s3Endpoint();
        long oldPid = stack.s3Pid();
        byte[] body = "survives".getBytes(StandardCharsets.UTF_8);
        try (MinioClient s3 = stack.newS3Client()) {
            s3.putObject(PutObjectArgs.builder().bucket(stack.bucket()).object("runs/r1/kept.txt")
                    .stream(new ByteArrayInputStream(body), (long) body.length, -1L).build());
        }

        stack.kill(StackServer.S3);
        List<Recovery> recoveries = stack.heal();

        assertThat(recoveries.get(0)).isEqualTo(new Recovery("kafka", "up", Recovery.NONE));
        assertThat(recoveries.get(1).was()).isEqualTo("exited (pid " + oldPid + ")");
        assertThat(recoveries.get(1).action()).startsWith("restarted on " + endpoint);
        assertThat(stack.s3Endpoint()).isEqualTo(endpoint);
        try (MinioClient s3 = stack.newS3Client();
             GetObjectResponse kept = s3.getObject(GetObjectArgs.builder().bucket(stack.bucket())
                     .object("runs/r1/kept.txt").build())) {
            assertThat(kept.readAllBytes()).isEqualTo(body);
        }
    }

    @Test
    @Order(4)
    void aRecordedPortTakenByAnotherProcessIsRefusedWithTheFix() throws Exception {
        int port = java.net.URI.create(stack.s3Endpoint()).getPort();
        stack.kill(StackServer.S3);
        try (ServerSocket intruder = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(stack::heal)
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("Cannot restart the S3Proxy on port " + port)
                    .hasMessageContaining("another process listens there")
                    .hasMessageContaining("./longrecipe down");
        }
        // once the port is free again, up heals it
        assertThat(stack.heal().get(1).action()).startsWith("restarted on " + stack.s3Endpoint());
    }
}
