package dev.longrecipe.stack;

import dev.longrecipe.stack.StackState.ChildProcess;
import io.minio.MinioClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real single-node Kafka broker (KRaft) and a real S3 server (S3Proxy, filesystem backend) on
 * loopback, each in a child JVM, on random free ports — no Docker.
 *
 * <p>Two ways to own one:
 * <ul>
 *   <li>attached (tests, {@code detached=false}): {@link #close()} stops both servers, and so does a
 *       shutdown hook if this JVM exits first; should this JVM be killed outright, the servers notice
 *       and exit on their own;</li>
 *   <li>detached (the CLI's {@code up}): the servers outlive this JVM; another JVM finds them with
 *       {@link #attach(Path)} through {@code <stateDir>/stack.json} and stops them with
 *       {@link #stop(Path)}.</li>
 * </ul>
 * Server output is appended to {@code <stateDir>/logs/kafka.log} and {@code s3.log} (see {@link LogFiles}).
 *
 * <p>A stack keeps its ports for good: {@link #heal()} restarts a server that died (or hangs) on the ports
 * recorded in {@code stack.json}, so its clients reconnect without being told anything; {@link #kill} is the
 * fault a test or the chaos suite injects.
 */
public final class LocalStack implements AutoCloseable {

    /** Free ports are only checked free; another process may take one before the server binds it. */
    private static final int PORT_ATTEMPTS = 3;
    /** What Kafka's and Jetty's BindException say when that happens. */
    private static final String PORT_TAKEN = "Address already in use";

    private final StackLayout layout;
    /** Replaced when a heal restarts a server (new pid, same ports). */
    private volatile StackState state;
    /** True when closing this object stops the servers (attached start). */
    private final boolean ownsServers;
    private final boolean temporaryStateDir;
    private final Duration startupTime;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread shutdownHook;

    private LocalStack(StackLayout layout, StackState state, boolean ownsServers, boolean temporaryStateDir,
                       Duration startupTime) {
        this.layout = layout;
        this.state = state;
        this.ownsServers = ownsServers;
        this.temporaryStateDir = temporaryStateDir;
        this.startupTime = startupTime;
        this.shutdownHook = ownsServers ? new Thread(this::stopOwnedServers, "local-stack-shutdown") : null;
        if (shutdownHook != null) {
            // runs the stop path's lookups once now: test frameworks may have closed the class loader
            // that loaded this class by the time the hook runs, and then nothing new can be loaded
            liveChildren();
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /**
     * Starts Kafka and S3Proxy side by side in {@code stateDir} (created if needed; data from an
     * earlier start there is kept), waits until Kafka describes its cluster and S3Proxy accepts a
     * signed ListBuckets, then creates the requested topics and the bucket.
     *
     * @throws IllegalStateException if a stack is already running from {@code stateDir}
     * @throws StackStartException   if a server exits or is not ready within the startup timeout;
     *                               both servers are stopped again
     */
    public static LocalStack start(Path stateDir, StackOptions options) {
        StackLayout layout = new StackLayout(stateDir);
        refuseIfRunning(layout.stateDir());
        long begin = System.nanoTime();
        Instant deadline = Instant.now().plus(options.startupTimeout());
        for (int attempt = 1; ; attempt++) {
            try {
                StackState state = startServers(layout, options, deadline);
                return new LocalStack(layout, state, !options.detached(), options.temporaryStateDir(),
                        Duration.ofNanos(System.nanoTime() - begin));
            } catch (PortTakenException e) {
                if (attempt >= PORT_ATTEMPTS) {
                    throw e;
                }
                // a port checked free was taken by another process before the server bound it: new ports
            }
        }
    }

    /** A server could not bind a port that was free a moment earlier. */
    private static final class PortTakenException extends StackStartException {
        PortTakenException(StackStartException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static StackState startServers(StackLayout layout, StackOptions options, Instant deadline) {
        int[] ports = FreePorts.loopback(3);
        int brokerPort = ports[0];
        int controllerPort = ports[1];
        int s3Port = ports[2];
        OptionalLong parentPid = options.detached() ? OptionalLong.empty() : OptionalLong.of(ProcessHandle.current().pid());
        List<Process> started = new ArrayList<>();
        long kafkaLogStart = LogFiles.beforeStart(layout.log(StackServer.KAFKA));
        long s3LogStart = LogFiles.beforeStart(layout.log(StackServer.S3));
        try {
            // both JVMs boot at once; each wait below overlaps with the other server's start
            Process kafka = KafkaBroker.launch(layout, brokerPort, controllerPort, parentPid);
            started.add(kafka);
            Process s3 = S3Server.launch(layout, s3Port, options.accessKey(), options.secretKey(), parentPid);
            started.add(s3);

            String bootstrap = KafkaBroker.bootstrap(brokerPort);
            KafkaBroker.awaitReady(kafka, layout, brokerPort, deadline);
            KafkaBroker.createTopics(bootstrap, options.topics(), deadline);

            String endpoint = S3Server.endpoint(s3Port);
            MinioClient s3Client = S3Server.client(endpoint, options.accessKey(), options.secretKey());
            try {
                S3Server.awaitReady(s3, layout, s3Port, s3Client, deadline);
                S3Server.ensureBucket(s3Client, options.bucket(), endpoint);
            } finally {
                closeQuietly(s3Client);
            }

            StackState state = new StackState(StackState.CURRENT_VERSION, bootstrap, endpoint, options.accessKey(),
                    options.secretKey(), options.bucket(), options.detached(),
                    ChildProcess.of(kafka.toHandle()), ChildProcess.of(s3.toHandle()), controllerPort);
            state.write(layout.stateDir());
            return state;
        } catch (RuntimeException | Error e) {
            // whatever went wrong, no server is left running
            boolean portTaken = false;
            try {
                ChildJvm.stop(started.stream().map(Process::toHandle).toList(), ChildJvm.STOP_GRACE);
                portTaken = ChildJvm.readFrom(layout.log(StackServer.KAFKA), kafkaLogStart).contains(PORT_TAKEN)
                        || ChildJvm.readFrom(layout.log(StackServer.S3), s3LogStart).contains(PORT_TAKEN);
                if (options.temporaryStateDir()) {
                    ConfigFiles.deleteRecursively(layout.stateDir());
                }
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof Error error) {
                throw error;
            }
            StackStartException failed = e instanceof StackStartException s ? s
                    : new StackStartException("The local stack in " + layout.stateDir() + " failed to start: "
                            + e.getMessage() + " (server logs: " + layout.logs() + ")", e);
            throw portTaken ? new PortTakenException(failed) : failed;
        }
    }

    /**
     * The stack another JVM started (detached) from {@code stateDir}. Closing the returned object
     * leaves the servers running; stop them with {@link #stop(Path)}.
     *
     * @throws IllegalStateException if no stack runs from {@code stateDir}
     */
    public static LocalStack attach(Path stateDir) {
        StackLayout layout = new StackLayout(stateDir);
        StackState state = StackState.read(layout.stateDir()).orElseThrow(() -> new IllegalStateException(
                "No local stack is running from " + layout.stateDir() + " (no " + StackState.FILE_NAME
                        + " there): start one first, e.g. ./longrecipe up"));
        List<String> exited = new ArrayList<>();
        if (state.kafka().live().isEmpty()) {
            exited.add(KafkaBroker.SERVER_NAME + " (pid " + state.kafka().pid() + ")");
        }
        if (state.s3().live().isEmpty()) {
            exited.add(S3Server.SERVER_NAME + " (pid " + state.s3().pid() + ")");
        }
        if (!exited.isEmpty()) {
            throw new IllegalStateException("The local stack in " + layout.stateDir() + " is half down: "
                    + String.join(" and ", exited) + " exited (see " + layout.logs() + "). `./longrecipe up`"
                    + " (LocalStack.heal) restarts it on the same port; the services reconnect by themselves");
        }
        return new LocalStack(layout, state, false, false, Duration.ZERO);
    }

    /**
     * The stack recorded in {@code stateDir}, whether or not its servers still run — for a supervisor that checks
     * them ({@link #health}) and restarts the dead ones ({@link #heal()}). Closing it leaves the servers alone.
     * Empty when no stack was started there, or it was stopped.
     */
    public static Optional<LocalStack> find(Path stateDir) {
        StackLayout layout = new StackLayout(stateDir);
        return StackState.read(layout.stateDir()).map(state -> new LocalStack(layout, state, false, false,
                Duration.ZERO));
    }

    /** A stack and what {@link #startOrHeal} did to each server. */
    public record Healing(LocalStack stack, List<Recovery> recoveries) {
    }

    /**
     * What {@code ./longrecipe up} does: starts the stack when none was started from {@code stateDir}, and
     * otherwise heals the recorded one ({@link #heal()}) — never a second stack, never new ports.
     */
    public static Healing startOrHeal(Path stateDir, StackOptions options) {
        Optional<LocalStack> recorded = find(stateDir);
        if (recorded.isPresent()) {
            LocalStack stack = recorded.get();
            return new Healing(stack, stack.heal());
        }
        LocalStack stack = start(stateDir, options);
        List<Recovery> started = List.of(
                new Recovery(StackServer.KAFKA.id(), "not started",
                        "started on " + stack.kafkaBootstrap() + " (pid " + stack.kafkaPid() + ")"),
                new Recovery(StackServer.S3.id(), "not started",
                        "started on " + stack.s3Endpoint() + " (pid " + stack.s3Pid() + ")"));
        return new Healing(stack, started);
    }

    /**
     * Whether {@code server} runs and answers (Kafka describes its cluster, S3 accepts a signed ListBuckets),
     * waiting up to 10 s for a running one to answer.
     */
    public ProcessHealth health(StackServer server) {
        return StackHealer.health(state, server, StackHealer.PROBE_PATIENCE);
    }

    /**
     * Restarts every server that exited or does not answer (a hung one is killed first) on the ports recorded in
     * {@code stack.json}, waits until it is ready and records its new pid; a healthy stack is left alone. Topics,
     * committed offsets and objects survive (both servers keep their data in the state directory), and the
     * clients of the stack reconnect by themselves.
     *
     * @return one row per server: what it was and what was done
     * @throws StackStartException if a recorded port is now taken by another process (the message says what to
     *                             do) or a server does not come back within 90 s
     */
    public List<Recovery> heal() {
        return heal(EnumSet.allOf(StackServer.class));
    }

    /**
     * {@link #heal()} for some servers only: the others are neither checked nor restarted (a fault suite that
     * keeps S3 down for a minute can still bring the broker back).
     */
    public synchronized List<Recovery> heal(Set<StackServer> servers) {
        OptionalLong parentPid = ownsServers && !state.detached() ? OptionalLong.of(ProcessHandle.current().pid())
                : OptionalLong.empty();
        StackHealer.Result result = StackHealer.heal(layout, state, servers, parentPid);
        state = result.state();
        return result.recoveries();
    }

    /**
     * Kills {@code server} with SIGKILL, as a crash would, and returns once it is gone — the fault a test or the
     * chaos suite injects; {@link #heal()} brings it back on the same port.
     */
    public void kill(StackServer server) {
        StackHealer.kill(state, server);
    }

    /** True when {@code server}'s recorded process runs (without asking whether it answers; see {@link #health}). */
    public boolean isAlive(StackServer server) {
        return state.child(server).live().isPresent();
    }

    /** The pid of {@code server}'s current process (it may have exited; see {@link #health}). */
    public long pid(StackServer server) {
        return state.child(server).pid();
    }

    /**
     * Stops the stack running from {@code stateDir} (SIGTERM, then SIGKILL after 10 s) and removes
     * its {@code stack.json}; topics, objects and logs stay for the next start.
     *
     * @return true if a server process was running and has been stopped
     */
    public static boolean stop(Path stateDir) {
        Path dir = new StackLayout(stateDir).stateDir();
        return StackState.read(dir).map(state -> {
            List<ProcessHandle> live = state.children().stream().flatMap(c -> c.live().stream()).toList();
            ChildJvm.stop(live, ChildJvm.STOP_GRACE);
            StackState.delete(dir);
            return !live.isEmpty();
        }).orElse(false);
    }

    /** True when both servers of the stack in {@code stateDir} are running. */
    public static boolean isRunning(Path stateDir) {
        return StackState.read(new StackLayout(stateDir).stateDir())
                .map(s -> s.children().stream().allMatch(c -> c.live().isPresent()))
                .orElse(false);
    }

    private static void refuseIfRunning(Path stateDir) {
        StackState.read(stateDir).ifPresent(state -> {
            if (state.children().stream().anyMatch(c -> c.live().isPresent())) {
                throw new IllegalStateException("A local stack is already running from " + stateDir + " (Kafka pid "
                        + state.kafka().pid() + ", S3Proxy pid " + state.s3().pid() + "): attach to it with"
                        + " LocalStack.attach or stop it with LocalStack.stop (./longrecipe down) first");
            }
        });
    }

    /** Kafka {@code bootstrap.servers}, e.g. {@code 127.0.0.1:41234}. */
    public String kafkaBootstrap() {
        return state.kafkaBootstrap();
    }

    /** S3 endpoint URL, e.g. {@code http://127.0.0.1:41236} (path-style, region us-east-1). */
    public String s3Endpoint() {
        return state.s3Endpoint();
    }

    public String accessKey() {
        return state.accessKey();
    }

    public String secretKey() {
        return state.secretKey();
    }

    public String bucket() {
        return state.bucket();
    }

    /** The directory with {@code kafka.log} and {@code s3.log}. */
    public Path logDir() {
        return layout.logs();
    }

    public Path stateDir() {
        return layout.stateDir();
    }

    public long kafkaPid() {
        return state.kafka().pid();
    }

    public long s3Pid() {
        return state.s3().pid();
    }

    /** True when the servers outlive the JVM that started them (CLI {@code up}). */
    public boolean detached() {
        return state.detached();
    }

    /** How long {@link #start} took until both servers were ready with topics and bucket; zero when attached. */
    public Duration startupTime() {
        return startupTime;
    }

    /** A new MinIO client for this stack's S3 server; the caller closes it. */
    public MinioClient newS3Client() {
        return S3Server.client(s3Endpoint(), accessKey(), secretKey());
    }

    /** Creates the topics that do not exist yet; existing topics are left unchanged. */
    public void createTopics(List<TopicSpec> topics) {
        KafkaBroker.createTopics(kafkaBootstrap(), topics, Instant.now().plusSeconds(30));
    }

    /**
     * Stops both servers if this object started them attached (and deletes a temporary state
     * directory); for a detached or attached-to stack this does nothing — use {@link #stop(Path)}.
     */
    @Override
    public void close() {
        if (!ownsServers) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to; stopping twice is harmless
        }
        stopOwnedServers();
    }

    private void stopOwnedServers() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        ChildJvm.stop(liveChildren(), ChildJvm.STOP_GRACE);
        StackState.delete(layout.stateDir());
        if (temporaryStateDir) {
            ConfigFiles.deleteRecursively(layout.stateDir());
        }
    }

    private List<ProcessHandle> liveChildren() {
        return state.children().stream().flatMap(c -> c.live().stream()).toList();
    }

    private static void closeQuietly(MinioClient client) {
        try {
            client.close();
        } catch (Exception ignored) {
            // only releases HTTP connections
        }
    }

    @Override
    public String toString() {
        return "LocalStack[kafka=" + kafkaBootstrap() + ", s3=" + s3Endpoint() + ", bucket=" + bucket()
                + ", stateDir=" + stateDir() + "]";
    }
}
