package dev.longrecipe.stack;

import dev.longrecipe.stack.StackState.ChildProcess;
import io.minio.MinioClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Fault injection for tests: kill the S3 server of a running stack (as {@code kill -9} would) and start it again on
 * the same port, with the same data, so clients that keep the old endpoint reconnect. {@code stack.json} is updated
 * with the new process. The restarted server is watched by this JVM like the first one: it exits when this JVM does.
 */
public final class StackFaults {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private StackFaults() {
    }

    /** Kills the stack's S3 server outright and waits until it is gone. */
    public static void killS3(LocalStack stack) {
        long pid = StackState.read(stack.stateDir()).map(s -> s.s3().pid()).orElse(stack.s3Pid());
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroyForcibly();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy (pid " + pid + ") did not exit after SIGKILL: " + e, e);
            }
        });
    }

    /** Starts S3Proxy again on the stack's S3 port and data folder; returns when it answers signed requests. */
    public static void restartS3(LocalStack stack) {
        StackLayout layout = new StackLayout(stack.stateDir());
        int port = URI.create(stack.s3Endpoint()).getPort();
        Process s3 = S3Server.launch(layout, port, stack.accessKey(), stack.secretKey(),
                OptionalLong.of(ProcessHandle.current().pid()));
        MinioClient client = stack.newS3Client();
        try {
            S3Server.awaitReady(s3, layout, port, client, Instant.now().plus(READY_TIMEOUT));
        } finally {
            try {
                client.close();
            } catch (Exception ignored) {
                // only releases connections
            }
        }
        StackState.read(layout.stateDir()).ifPresent(state -> new StackState(state.version(), state.kafkaBootstrap(),
                state.s3Endpoint(), state.accessKey(), state.secretKey(), state.bucket(), state.detached(),
                state.kafka(), ChildProcess.of(s3.toHandle())).write(layout.stateDir()));
    }
}
