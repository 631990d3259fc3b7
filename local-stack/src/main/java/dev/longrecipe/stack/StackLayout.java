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

    /** A server's own folder: {@code kafka/} or {@code s3/} under the state directory. */
    Path home(StackServer server) {
        return stateDir.resolve(server.id());
    }

    /** Where a server keeps its data (Kafka's log dirs, the S3 server's buckets). */
    Path data(StackServer server) {
        return home(server).resolve("data");
    }

    /** A server's log file: {@code logs/kafka.log} or {@code logs/s3.log}. */
    Path log(StackServer server) {
        return logs().resolve(server.id() + ".log");
    }
}
