package dev.longrecipe.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** Waits for a freshly started server to answer, failing fast when its process dies. */
final class Readiness {


    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    private static final int LOG_LINES_IN_ERRORS = 40;

    private Readiness() {
    }

    /**
     * Calls {@code probe} until it returns true. Throws {@link StackStartException} naming the server,
     * its log and the log's last lines when the process exits or {@code deadline} passes.
     */
    static void await(String server, Process process, Path log, Instant deadline, Callable<Boolean> probe) {
        Exception lastError = null;
        while (true) {
            if (!process.isAlive()) {
                throw new StackStartException(server + " exited with code " + process.exitValue()
                        + " while starting. Log " + log + " ends with:" + System.lineSeparator()
                        + ChildJvm.tail(log, LOG_LINES_IN_ERRORS));
            }
            try {
                if (probe.call()) {
                    return;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackStartException(server + " did not become ready in time (last probe error: "
                        + (lastError == null ? "none" : lastError) + "). If the machine is busy, allow more time:"
                        + " StackOptions.startupTimeout, or for ./longrecipe the environment variable "
                        + StackOptions.STARTUP_SECONDS_ENV + " (default 90). Log " + log + " ends with:" + System.lineSeparator()
                        + ChildJvm.tail(log, LOG_LINES_IN_ERRORS));
            }
            pause();
        }
    }

    /** True when something accepts TCP connections on the loopback port. */
    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while waiting for the local stack", e);
        }
    }
}
