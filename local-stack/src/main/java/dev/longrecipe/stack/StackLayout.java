package dev.longrecipe.stack;

import java.nio.file.Path;

/**
 * Where everything lives inside a stack's state directory:
 * <pre>
 * stack.json            endpoints, credentials, pids (while running)
 * logs/kafka.log        Kafka child JVM output
 * logs/s3.log           S3Proxy child JVM output
 * kafka/server.properties, kafka/data/   broker config and KRaft log directory
 * s3/s3proxy.properties, s3/data/        S3Proxy config and the buckets (filesystem backend)
 * tmp/                  java.io.tmpdir of both children
 * </pre>
 */
record StackLayout(Path stateDir) {

    StackLayout {
        stateDir = stateDir.toAbsolutePath().normalize();
    }

    Path logs() {
        return stateDir.resolve("logs");
    }

    Path tmp() {
        return stateDir.resolve("tmp");
    }

    Path kafkaHome() {
        return stateDir.resolve("kafka");
    }

    Path kafkaData() {
        return kafkaHome().resolve("data");
    }

    Path kafkaLog() {
        return logs().resolve("kafka.log");
    }

    Path s3Home() {
        return stateDir.resolve("s3");
    }

    Path s3Data() {
        return s3Home().resolve("data");
    }

    Path s3Log() {
        return logs().resolve("s3.log");
    }
}
