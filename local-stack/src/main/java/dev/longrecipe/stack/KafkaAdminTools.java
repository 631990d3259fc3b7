package dev.longrecipe.stack;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Consumer-group lag from the Kafka AdminClient — what {@code kafka-consumer-groups --describe}
 * shows, as values: committed offset against end offset per partition, summed per group. One group
 * per stage, so a stage's backlog is its group's lag.
 */
public final class KafkaAdminTools implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final Admin admin;
    private final String bootstrap;

    private KafkaAdminTools(Admin admin, String bootstrap) {
        this.admin = admin;
        this.bootstrap = bootstrap;
    }

    public static KafkaAdminTools connect(String bootstrapServers) {
        return new KafkaAdminTools(KafkaBroker.admin(bootstrapServers), bootstrapServers);
    }

    /** Lag on the partitions where {@code groupId} has committed offsets. */
    public ConsumerGroupLag lag(String groupId) {
        return lag(groupId, List.of());
    }

    /**
     * Lag on every partition of {@code topics} plus any other partition where {@code groupId} has
     * committed. A partition without a commit counts all records still in its log (see
     * {@link PartitionLag#lag()}), so a stage whose service never ran shows its whole backlog.
     *
     * @throws IllegalArgumentException if one of {@code topics} does not exist
     */
    public ConsumerGroupLag lag(String groupId, Collection<String> topics) {
        GroupDescription group = describe(groupId);
        Map<TopicPartition, Long> committed = committedOffsets(groupId);

        Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
        partitions.addAll(partitionsOf(topics));
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Set<TopicPartition> uncommitted = partitions.stream()
                .filter(tp -> !committed.containsKey(tp))
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> starts = offsets(uncommitted, OffsetSpec.earliest());

        List<PartitionLag> lags = partitions.stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .map(tp -> {
                    long end = ends.get(tp);
                    Long offset = committed.get(tp);
                    long from = offset != null ? offset : starts.get(tp);
                    return new PartitionLag(tp.topic(), tp.partition(),
                            offset != null ? OptionalLong.of(offset) : OptionalLong.empty(),
                            end, Math.max(0, end - from));
                })
                .toList();
        return new ConsumerGroupLag(groupId, group.state(), group.members(), lags);
    }

    /** Lag of several groups, each on its own topics (e.g. each stage's group on its input topic). */
    public Map<String, ConsumerGroupLag> lag(Map<String, ? extends Collection<String>> topicsByGroup) {
        Map<String, ConsumerGroupLag> result = new HashMap<>();
        topicsByGroup.forEach((group, topics) -> result.put(group, lag(group, topics)));
        return result;
    }

    private record GroupDescription(GroupState state, int members) {
    }

    private GroupDescription describe(String groupId) {
        try {
            ConsumerGroupDescription d = await(admin.describeConsumerGroups(List.of(groupId)).describedGroups()
                    .get(groupId), "describe consumer group " + groupId);
            return new GroupDescription(d.groupState(), d.members().size());
        } catch (GroupIdNotFoundException e) {
            return new GroupDescription(GroupState.DEAD, 0);
        }
    }

    private Map<TopicPartition, Long> committedOffsets(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> offsets = await(
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
                "list committed offsets of group " + groupId);
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                committed.put(tp, om.offset());
            }
        });
        return committed;
    }

    private Set<TopicPartition> partitionsOf(Collection<String> topics) {
        if (topics.isEmpty()) {
            return Set.of();
        }
        try {
            Map<String, TopicDescription> described = await(admin.describeTopics(topics).allTopicNames(),
                    "describe topics " + topics);
            return described.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toSet());
        } catch (UnknownTopicOrPartitionException e) {
            throw new IllegalArgumentException("One of the topics " + topics + " does not exist on " + bootstrap
                    + ": create it first (LocalStack.createTopics)", e);
        }
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> spec));
        Map<TopicPartition, ListOffsetsResultInfo> result = await(admin.listOffsets(request).all(),
                "list offsets of " + partitions);
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Waits for an admin call; Kafka's own exceptions (e.g. unknown group) come out unwrapped. */
    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot " + what + " on " + bootstrap + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Cannot " + what + ": " + bootstrap + " did not answer within "
                    + CALL_TIMEOUT.toSeconds() + " s (is the stack running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
