package dev.longrecipe.stack;

import java.util.Locale;

/** The two servers of a local stack, by the names operators see in {@code up}'s table and in log file names. */
public enum StackServer {
    KAFKA,
    S3;

    /** {@code kafka} or {@code s3}: the component name in tables and log files ({@code logs/<id>.log}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code Kafka broker} or {@code S3Proxy}, for sentences. */
    public String displayName() {
        return switch (this) {
            case KAFKA -> KafkaBroker.SERVER_NAME;
            case S3 -> S3Server.SERVER_NAME;
        };
    }
}
