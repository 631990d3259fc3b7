package dev.longrecipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaAdminToolsTest {

    private LocalStack stack;
    private KafkaAdminTools tools;

    @BeforeEach
    void connect() {
        stack = SharedTestStack.get();
        tools = KafkaAdminTools.connect(stack.kafkaBootstrap());
    }

    @AfterEach
    void disconnect() {
        tools.close();
    }

    @Test
    void lagIsEndOffsetMinusCommittedOffset() throws Exception {
        SharedTestStack.createTopics("lag-test.single");
        TopicPartition partition = new TopicPartition("lag-test.single", 0);
        KafkaRecords.produce(stack.kafkaBootstrap(), partition.topic(), 0, 5);

        consumeAndCommit("single-reader", partition, 2);
        ConsumerGroupLag lag = tools.lag("single-reader");

        assertThat(lag.partitions()).containsExactly(
                new PartitionLag("lag-test.single", 0, OptionalLong.of(2), 5, 3));
        assertThat(lag.totalLag()).isEqualTo(3);
        assertThat(lag.state()).isEqualTo(GroupState.EMPTY);
        assertThat(lag.members()).isZero();
    }

    @Test
    void lagIsSummedOverPartitionsAndUncommittedPartitionsCountTheirWholeLog() throws Exception {
        SharedTestStack.createTopics(2, "lag-test.two-partitions");
        KafkaRecords.produce(stack.kafkaBootstrap(), "lag-test.two-partitions", 0, 3);
        KafkaRecords.produce(stack.kafkaBootstrap(), "lag-test.two-partitions", 1, 4);

        consumeAndCommit("partial-reader", new TopicPartition("lag-test.two-partitions", 0), 1);
        ConsumerGroupLag lag = tools.lag("partial-reader", List.of("lag-test.two-partitions"));

        assertThat(lag.partitions()).containsExactly(
                new PartitionLag("lag-test.two-partitions", 0, OptionalLong.of(1), 3, 2),
                new PartitionLag("lag-test.two-partitions", 1, OptionalLong.empty(), 4, 4));
        assertThat(lag.totalLag()).isEqualTo(6);
        assertThat(lag.lagByTopic()).containsExactly(Map.entry("lag-test.two-partitions", 6L));
    }

    @Test
    void aGroupThatNeverConsumedHasTheWholeBacklogOfItsTopics() throws Exception {
        SharedTestStack.createTopics("lag-test.unread");
        KafkaRecords.produce(stack.kafkaBootstrap(), "lag-test.unread", 0, 4);

        ConsumerGroupLag lag = tools.lag("stage-that-never-ran", List.of("lag-test.unread"));

        assertThat(lag.state()).isEqualTo(GroupState.DEAD);
        assertThat(lag.totalLag()).isEqualTo(4);
        assertThat(tools.lag("stage-that-never-ran").partitions()).isEmpty();
    }

    @Test
    void severalGroupsAreReportedEachOnItsOwnTopics() throws Exception {
        SharedTestStack.createTopics("lag-test.stage-a", "lag-test.stage-b");
        KafkaRecords.produce(stack.kafkaBootstrap(), "lag-test.stage-a", 0, 1);
        KafkaRecords.produce(stack.kafkaBootstrap(), "lag-test.stage-b", 0, 2);

        Map<String, ConsumerGroupLag> lags = tools.lag(Map.of(
                "stage-a", List.of("lag-test.stage-a"), "stage-b", List.of("lag-test.stage-b")));

        assertThat(lags.get("stage-a").totalLag()).isEqualTo(1);
        assertThat(lags.get("stage-b").totalLag()).isEqualTo(2);
    }

    @Test
    void anUnknownTopicIsRefusedByName() {
        assertThatThrownBy(() -> tools.lag("any-group", List.of("lag-test.no-such-topic")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lag-test.no-such-topic")
                .hasMessageContaining("does not exist");
    }

    /** Reads {@code count} records from the start of the partition and commits the offset after them. */
    private void consumeAndCommit(String groupId, TopicPartition partition, int count) {
        try (KafkaConsumer<String, String> consumer = KafkaRecords.consumer(stack.kafkaBootstrap(), groupId)) {
            List<ConsumerRecord<String, String>> records = KafkaRecords.readFromStart(consumer, partition, count);
            assertThat(records).hasSizeGreaterThanOrEqualTo(count);
            ConsumerRecord<String, String> last = records.get(count - 1);
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(last.offset() + 1)));
        }
    }
}
