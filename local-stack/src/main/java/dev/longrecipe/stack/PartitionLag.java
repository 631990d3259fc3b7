package dev.longrecipe.stack;

import java.util.OptionalLong;

/**
 * How far a consumer group is behind on one partition.
 *
 * @param committedOffset the group's committed offset, empty when it never committed on this partition
 * @param endOffset       the partition's end offset (offset of the next record to be written)
 * @param lag             records still to consume: {@code endOffset - committedOffset}, or, without a
 *                        commit, every record still in the log ({@code endOffset - log start offset}),
 *                        which is what a consumer with {@code auto.offset.reset=earliest} will read
 */
public record PartitionLag(String topic, int partition, OptionalLong committedOffset, long endOffset, long lag) {

    public PartitionLag {
        if (lag < 0) {
            throw new IllegalArgumentException("lag of " + topic + "-" + partition + " cannot be negative: " + lag);
        }
    }
}
