package dev.longrecipe.stack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.GroupState;

/**
 * A consumer group's backlog: per partition, and summed.
 *
 * @param state   the group's state as the broker reports it ({@link GroupState#DEAD} when the broker has
 *                never seen the group)
 * @param members consumers currently in the group
 */
public record ConsumerGroupLag(String groupId, GroupState state, int members, List<PartitionLag> partitions) {

    public ConsumerGroupLag {
        partitions = List.copyOf(partitions);
    }

    /** Records still to consume, over all partitions. */
    public long totalLag() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** Records still to consume, summed per topic (sorted by topic name). */
    public Map<String, Long> lagByTopic() {
        Map<String, Long> byTopic = new TreeMap<>();
        partitions.forEach(p -> byTopic.merge(p.topic(), p.lag(), Long::sum));
        return byTopic;
    }
}
