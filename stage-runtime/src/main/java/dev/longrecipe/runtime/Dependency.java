package dev.longrecipe.runtime;

import java.util.Locale;

/** What a stage waits for when a call fails with a passing error: the artifact store or the broker. */
public enum Dependency {
    S3,
    KAFKA;

    /** The metric tag value ({@code longrecipe_stage_waiting{for="s3"}}): the lower-case name. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name an operator reads in messages. */
    public String label() {
        return switch (this) {
            case S3 -> "S3";
            case KAFKA -> "Kafka";
        };
    }
}
