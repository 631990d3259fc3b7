package dev.longrecipe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SharedTestStackTest {

    @Test
    void everyCallReturnsTheSameRunningStack() {
        LocalStack first = SharedTestStack.get();
        LocalStack second = SharedTestStack.get();

        assertThat(second).isSameAs(first);
        assertThat(LocalStack.isRunning(first.stateDir())).isTrue();
        assertThat(System.getProperty(SharedTestStack.STATE_DIR_PROPERTY)).isEqualTo(first.stateDir().toString());
    }

    @Test
    void stateAndLogsLiveUnderTargetNotTmp() throws Exception {
        LocalStack stack = SharedTestStack.get();

        Path target = Path.of(System.getProperty("user.dir"), "target").toAbsolutePath();
        assertThat(stack.stateDir()).startsWith(target);
        assertThat(stack.logDir().resolve("kafka.log")).isNotEmptyFile();
        assertThat(stack.logDir().resolve("s3.log")).isNotEmptyFile();
        assertThat(Files.readString(stack.logDir().resolve("kafka.log"))).contains("Kafka Server started");
    }

    @Test
    void aRecordProducedToARealTopicIsConsumedBack() throws Exception {
        LocalStack stack = SharedTestStack.get();
        SharedTestStack.createTopics("shared-test.roundtrip");

        KafkaRecords.produce(stack.kafkaBootstrap(), "shared-test.roundtrip", 0, 1);
        List<ConsumerRecord<String, String>> received;
        try (KafkaConsumer<String, String> consumer = KafkaRecords.consumer(stack.kafkaBootstrap(), "roundtrip")) {
            received = KafkaRecords.readFromStart(consumer, new TopicPartition("shared-test.roundtrip", 0), 1);
        }

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("key-0");
            assertThat(r.value()).isEqualTo("value-0");
        });
    }

    @Test
    void creatingAnExistingTopicAgainKeepsIt() throws Exception {
        LocalStack stack = SharedTestStack.get();
        SharedTestStack.createTopics(2, "shared-test.twice");
        KafkaRecords.produce(stack.kafkaBootstrap(), "shared-test.twice", 1, 1);

        SharedTestStack.createTopics(2, "shared-test.twice");

        try (KafkaAdminTools tools = KafkaAdminTools.connect(stack.kafkaBootstrap())) {
            ConsumerGroupLag backlog = tools.lag("nobody-reads-this", List.of("shared-test.twice"));
            assertThat(backlog.partitions()).hasSize(2);
            assertThat(backlog.totalLag()).isEqualTo(1);
        }
    }
}
