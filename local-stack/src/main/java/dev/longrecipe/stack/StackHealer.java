package dev.longrecipe.stack;

import dev.longrecipe.stack.StackState.ChildProcess;
import io.minio.MinioClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * What a supervisor does for the two servers of a stack: finds out whether each one runs and answers, and
 * restarts the ones that do not — on the ports recorded in {@code stack.json}, so every client that knows the
 * stack (the services above all) reconnects by itself. A server that runs but does not answer is killed
 * first. Topics and objects survive: both servers keep their data in the state directory.
 */
final class StackHealer {

    /** How long a running server may take to answer a probe before it counts as hung. */
    static final Duration PROBE_PATIENCE = Duration.ofSeconds(10);
    /** How long restarted servers may take to become ready (two cores shared with running stages). */
    static final Duration RESTART_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROBE_PAUSE = Duration.ofMillis(200);
    private static final String PORT_TAKEN = "Address already in use";

    record Result(StackState state, List<Recovery> recoveries) {
    }

    private StackHealer() {
    }

    /** Whether {@code server} runs and answers within {@code patience}. */
    static ProcessHealth health(StackState state, StackServer server, Duration patience) {
        if (state.child(server).live().isEmpty()) {
            return ProcessHealth.EXITED;
        }
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            if (answers(state, server)) {
                return ProcessHealth.UP;
            }
            if (state.child(server).live().isEmpty()) {
                return ProcessHealth.EXITED;
            }
            if (Instant.now().isAfter(giveUp)) {
                return ProcessHealth.NOT_ANSWERING;
            }
            try {
                Thread.sleep(PROBE_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ProcessHealth.NOT_ANSWERING;
            }
        }
    }

    private static boolean answers(StackState state, StackServer server) {
        try {
            if (server == StackServer.KAFKA) {
                if (!Readiness.portOpen(state.kafkaPort())) {
                    return false;
                }
                try (Admin admin = KafkaBroker.admin(state.kafkaBootstrap())) {
                    return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
                }
            }
            if (!Readiness.portOpen(state.s3Port())) {
                return false;
            }
            try (MinioClient client = S3Server.client(state.s3Endpoint(), state.accessKey(), state.secretKey())) {
                client.listBuckets();
                return true;
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** SIGKILL, as a crash or the OOM killer would; returns once the process is gone. */
    static void kill(StackState state, StackServer server) {
        state.child(server).live().ifPresent(process -> {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (process.isAlive()) {
                    throw new IllegalStateException(server.displayName() + " (pid " + process.pid()
                            + ") survived SIGKILL for 10 s", e);
                }
            }
        });
    }

    /**
     * Restarts each server that is not {@link ProcessHealth#UP} on its recorded port(s) and waits until it is
     * ready; a healthy stack is left alone. Only {@code servers} are looked at (one row each, in enum order).
     *
     * @param parentPid the JVM whose death stops the restarted servers (attached stacks), empty when detached
     * @throws StackStartException if a recorded port is taken by another process or a server does not come back;
     *                             the message says what to do
     */
    static Result heal(StackLayout layout, StackState state, Set<StackServer> servers, OptionalLong parentPid) {
        Map<StackServer, ProcessHealth> found = new EnumMap<>(StackServer.class);
        for (StackServer server : servers) {
            found.put(server, health(state, server, PROBE_PATIENCE));
        }
        List<StackServer> toRestart = found.entrySet().stream()
                .filter(e -> e.getValue() != ProcessHealth.UP).map(Map.Entry::getKey).toList();
        for (StackServer server : toRestart) {
            if (found.get(server) == ProcessHealth.NOT_ANSWERING) {
                kill(state, server);
            }
            refuseTakenPort(layout, server, server == StackServer.KAFKA ? state.kafkaPort() : state.s3Port());
        }
        StackState healed = restart(layout, state, toRestart, parentPid);
        if (!toRestart.isEmpty()) {
            healed.write(layout.stateDir());
        }
        List<Recovery> recoveries = new ArrayList<>();
        for (StackServer server : found.keySet()) {
            ProcessHealth was = found.get(server);
            String address = server == StackServer.KAFKA ? healed.kafkaBootstrap() : healed.s3Endpoint();
            String action = was == ProcessHealth.UP ? Recovery.NONE
                    : (was == ProcessHealth.NOT_ANSWERING ? "killed, " : "") + "restarted on " + address
                            + " (pid " + healed.child(server).pid() + ")";
            recoveries.add(new Recovery(server.id(), was.describe(state.child(server).pid()), action));
        }
        return new Result(healed, recoveries);
    }

    private static StackState restart(StackLayout layout, StackState state, List<StackServer> servers,
                                      OptionalLong parentPid) {
        if (servers.isEmpty()) {
            return state;
        }
        Instant deadline = Instant.now().plus(RESTART_TIMEOUT);
        Map<StackServer, Process> started = new EnumMap<>(StackServer.class);
        Map<StackServer, Long> logStarts = new EnumMap<>(StackServer.class);
        StackState next = state;
        try {
            // both JVMs boot at once, as in a first start
            if (servers.contains(StackServer.KAFKA)) {
                next = next.withKafkaControllerPort(controllerPort(state));
                logStarts.put(StackServer.KAFKA, LogFiles.beforeStart(layout.log(StackServer.KAFKA)));
                started.put(StackServer.KAFKA, KafkaBroker.launch(layout, state.kafkaPort(),
                        next.kafkaControllerPort(), parentPid));
            }
            if (servers.contains(StackServer.S3)) {
                logStarts.put(StackServer.S3, LogFiles.beforeStart(layout.log(StackServer.S3)));
                started.put(StackServer.S3, S3Server.launch(layout, state.s3Port(), state.accessKey(),
                        state.secretKey(), parentPid));
            }
            Process kafka = started.get(StackServer.KAFKA);
            if (kafka != null) {
                KafkaBroker.awaitReady(kafka, layout, state.kafkaPort(), deadline);
                next = next.with(StackServer.KAFKA, ChildProcess.of(kafka.toHandle()));
            }
            Process s3 = started.get(StackServer.S3);
            if (s3 != null) {
                try (MinioClient client = S3Server.client(state.s3Endpoint(), state.accessKey(), state.secretKey())) {
                    S3Server.awaitReady(s3, layout, state.s3Port(), client, deadline);
                    S3Server.ensureBucket(client, state.bucket(), state.s3Endpoint());
                } catch (Exception e) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                }
                next = next.with(StackServer.S3, ChildProcess.of(s3.toHandle()));
            }
            return next;
        } catch (RuntimeException e) {
            ChildJvm.stop(started.values().stream().map(Process::toHandle).toList(), ChildJvm.STOP_GRACE);
            for (StackServer server : started.keySet()) {
                Path log = layout.log(server);
                if (ChildJvm.readFrom(log, logStarts.get(server)).contains(PORT_TAKEN)) {
                    throw portTaken(layout, server, server == StackServer.KAFKA ? state.kafkaPort() : state.s3Port(),
                            e);
                }
            }
            throw e instanceof StackStartException s ? s : new StackStartException("Restarting " + servers
                    + " of the local stack in " + layout.stateDir() + " failed: " + e.getMessage()
                    + " (server logs: " + layout.logs() + ")", e);
        }
    }

    /**
     * The recorded controller port when it is free. Only the broker itself talks to its controller, so a
     * taken (or unrecorded) one is simply replaced.
     */
    private static int controllerPort(StackState state) {
        int recorded = state.kafkaControllerPort();
        if (recorded > 0 && !Readiness.portOpen(recorded)) {
            return recorded;
        }
        while (true) {
            int port = FreePorts.loopback(1)[0];
            if (port != state.kafkaPort() && port != state.s3Port()) {
                return port;
            }
        }
    }

    private static void refuseTakenPort(StackLayout layout, StackServer server, int port) {
        if (Readiness.portOpen(port)) {
            throw portTaken(layout, server, port, null);
        }
    }

    private static StackStartException portTaken(StackLayout layout, StackServer server, int port, Throwable cause) {
        String message = "Cannot restart the " + server.displayName() + " on port " + port + ", the port recorded in "
                + StackState.file(layout.stateDir()) + ": another process listens there (find it with"
                + " `ss -ltnp 'sport = :" + port + "'`). The services are configured with that port, so the server"
                + " cannot move on its own. Stop that process and run `./longrecipe up` again, or run"
                + " `./longrecipe down` then `./longrecipe up` to start the whole stack, services included, on new"
                + " ports.";
        return cause == null ? new StackStartException(message) : new StackStartException(message, cause);
    }
}
