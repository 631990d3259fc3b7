package dev.longrecipe.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What a running stack writes to {@code <stateDir>/stack.json} so another JVM (the CLI) can find it:
 * endpoints, credentials and the two server processes. The ports recorded here are the stack's for good: a
 * server that died is restarted on them ({@link LocalStack#heal}), so clients configured with them (the
 * services) reconnect by themselves.
 *
 * @param kafkaControllerPort the KRaft controller's port; 0 in files written before it was recorded (a heal
 *                            then picks a new one, which only the broker itself uses)
 */
record StackState(int version, String kafkaBootstrap, String s3Endpoint, String accessKey, String secretKey,
                  String bucket, boolean detached, ChildProcess kafka, ChildProcess s3, int kafkaControllerPort) {

    static final int CURRENT_VERSION = 1;
    static final String FILE_NAME = "stack.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * A server process, identified by pid and start ({@link ProcessStart}) so that a recycled pid is never taken for it
     * and a clock step does not hide it.
     *
     * @param bootId     null, and {@code startTicks} too, in files written before they were recorded
     */
    record ChildProcess(long pid, long startedAtEpochMillis, String bootId, Long startTicks) {

        static ChildProcess of(ProcessHandle handle) {
            ProcessStart start = ProcessStart.of(handle);
            return new ChildProcess(handle.pid(), start.epochMillis(), start.bootId(), start.ticksSinceBoot());
        }

        /** The live process this record names, if it is still running. */
        Optional<ProcessHandle> live() {
            return ProcessStart.recorded(startedAtEpochMillis, bootId, startTicks).liveProcess(pid);
        }
    }

    List<ChildProcess> children() {
        return List.of(kafka, s3);
    }

    ChildProcess child(StackServer server) {
        return server == StackServer.KAFKA ? kafka : s3;
    }

    StackState with(StackServer server, ChildProcess process) {
        return server == StackServer.KAFKA
                ? new StackState(version, kafkaBootstrap, s3Endpoint, accessKey, secretKey, bucket, detached, process,
                        s3, kafkaControllerPort)
                : new StackState(version, kafkaBootstrap, s3Endpoint, accessKey, secretKey, bucket, detached, kafka,
                        process, kafkaControllerPort);
    }

    StackState withKafkaControllerPort(int port) {
        return new StackState(version, kafkaBootstrap, s3Endpoint, accessKey, secretKey, bucket, detached, kafka, s3,
                port);
    }

    /** The broker's client port, from {@code 127.0.0.1:<port>}. */
    int kafkaPort() {
        return Integer.parseInt(kafkaBootstrap.substring(kafkaBootstrap.lastIndexOf(':') + 1));
    }

    /** S3Proxy's port, from {@code http://127.0.0.1:<port>}. */
    int s3Port() {
        return java.net.URI.create(s3Endpoint).getPort();
    }

    static Path file(Path stateDir) {
        return stateDir.resolve(FILE_NAME);
    }

    void write(Path stateDir) {
        Path target = file(stateDir);
        Path partial = stateDir.resolve(FILE_NAME + ".partial");
        try {
            JSON.writeValue(partial.toFile(), this);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    /** The state of the stack in {@code stateDir}, or empty when no stack was started there (or it was stopped). */
    static Optional<StackState> read(Path stateDir) {
        Path source = file(stateDir);
        try {
            StackState state = JSON.readValue(Files.readAllBytes(source), StackState.class);
            if (state.version() != CURRENT_VERSION) {
                throw new IllegalStateException(source + " has version " + state.version() + " but this build reads"
                        + " version " + CURRENT_VERSION + ": stop that stack with the build that started it,"
                        + " or delete " + source + " if its processes are gone");
            }
            return Optional.of(state);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + " (delete it if no stack is running there)", e);
        }
    }

    static void delete(Path stateDir) {
        try {
            Files.deleteIfExists(file(stateDir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file(stateDir), e);
        }
    }
}
