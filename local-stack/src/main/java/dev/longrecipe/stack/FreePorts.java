package dev.longrecipe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Distinct free TCP ports on the loopback interface.
 *
 * <p>A port is only checked free here; the server binds it a few seconds later. Ports the OS hands
 * out for {@code bind(0)} and for outgoing connections come from the ephemeral range (Linux:
 * 32768–60999), busy with every client connection on a machine running many tests, so the ports are
 * drawn at random below it instead. {@link LocalStack#start} retries with new ports should one be
 * taken anyway.
 */
final class FreePorts {

    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_767;
    private static final int ATTEMPTS_PER_PORT = 50;

    private FreePorts() {
    }

    static int[] loopback(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            // all held open at once, so the ports are distinct
            while (held.size() < count) {
                held.add(bindSomewhere());
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way
                }
            }
        }
    }

    private static ServerSocket bindSomewhere() {
        for (int i = 0; i < ATTEMPTS_PER_PORT; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            try {
                return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
            } catch (IOException inUse) {
                // try another one
            }
        }
        try {
            return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port", e);
        }
    }
}
