package dev.longrecipe.stack;

import java.util.regex.Pattern;

/**
 * A topic the local stack creates: its name and partition count (replication is always 1 on the
 * single-node broker).
 */
public record TopicSpec(String name, int partitions) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicSpec {
        if (name == null || !LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("Topic name '" + name + "' is not a legal Kafka topic name: use 1 to 249"
                    + " characters from a-z, A-Z, 0-9, '.', '_' and '-'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic '" + name + "' needs at least 1 partition, but " + partitions
                    + " was given");
        }
    }

    /** A topic with one partition. */
    public static TopicSpec of(String name) {
        return new TopicSpec(name, 1);
    }
}
