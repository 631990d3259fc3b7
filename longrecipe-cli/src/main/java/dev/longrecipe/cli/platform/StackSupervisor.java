package dev.longrecipe.cli.platform;

import dev.longrecipe.schema.Stage;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.LogFiles;
import dev.longrecipe.stack.ProcessHealth;
import dev.longrecipe.stack.Recovery;
import dev.longrecipe.stack.StackOptions;
import dev.longrecipe.stack.StackServer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a process supervisor (systemd, Kubernetes) would do for the local platform, on demand: find out which of
 * its seven components — {@code kafka}, {@code s3} and the five stage services — is dead or hung, and restart
 * only those. The broker and S3 come back on their recorded ports, so the services that kept running reconnect by
 * themselves; a service comes back with the same endpoints (and, when free, the same HTTP port). Work in flight
 * in healthy services is never interrupted.
 *
 * <p>{@code ./longrecipe up} is {@link #heal()}; {@code status} uses {@link #check}; a fault suite uses
 * {@link #kill} and {@link #restartIfDead} to crash one component and bring it back.
 */
public final class StackSupervisor {

    /** A component's name and what it was found to be; {@code pid} 0 when it was never started. */
    public record ComponentHealth(String component, ProcessHealth health, long pid) {
        public boolean up() {
            return health == ProcessHealth.UP;
        }

        /** {@code up}, {@code exited (pid 42)}, {@code not answering (pid 42)} or {@code not started}. */
        public String describe() {
            return pid == 0 ? "not started" : health.describe(pid);
        }
    }

    /** What {@link #heal()} found and did, the stack, and the services now recorded. */
    public record Healed(LocalStack stack, List<Recovery> recoveries, List<ServiceLauncher.RunningService> services) {
    }

    private final Platform platform;
    private final StackOptions options;
    private final ServiceLauncher launcher;

    public StackSupervisor(Platform platform) {
        this(platform, platform.stackOptions());
    }

    /** With other stack options than {@code up}'s (tests: an attached stack that dies with the test JVM). */
    public StackSupervisor(Platform platform, StackOptions options) {
        this.platform = platform;
        this.options = options;
        this.launcher = new ServiceLauncher(platform.home(), platform.logDir());
    }

    /** {@code kafka}, {@code s3} and the stage ids, in start order. */
    public static List<String> components() {
        return Stream.concat(Arrays.stream(StackServer.values()).map(StackServer::id),
                Arrays.stream(Stage.values()).map(Stage::id)).toList();
    }

    /**
     * Starts what was never started and restarts what is dead or hung — servers first, then services — and
     * leaves everything healthy alone. Two {@code up}s at once take turns (a lock in {@code .stack/}).
     *
     * @throws IllegalStateException or {@link dev.longrecipe.stack.StackStartException} when a component cannot
     *                               be brought back; the message says why and what to do
     */
    public Healed heal() throws IOException {
        try (FileChannel lock = lockUp()) {
            LocalStack.Healing servers = LocalStack.startOrHeal(platform.stateDir(), options);
            List<Recovery> rows = new ArrayList<>(servers.recoveries());
            rows.addAll(healServices(servers.stack(), EnumSet.allOf(Stage.class)));
            rotateLiveLogs();
            return new Healed(servers.stack(), rows, platform.services());
        }
    }

    /**
     * Brings back one component if it is dead or hung, leaving every other one alone (a fault suite keeping S3
     * down can still restart a service). The stack must have been started ({@code up}).
     */
    public Recovery restartIfDead(String component) throws IOException {
        LocalStack stack = recordedStack();
        Optional<StackServer> server = server(component);
        if (server.isPresent()) {
            return stack.heal(EnumSet.of(server.get())).get(0);
        }
        try (FileChannel lock = lockUp()) {
            return healServices(stack, EnumSet.of(stage(component))).get(0);
        }
    }

    /** Kills one component with SIGKILL, as a crash would; returns once it is gone. Nothing running: no-op. */
    public void kill(String component) throws IOException {
        Optional<StackServer> server = server(component);
        if (server.isPresent()) {
            recordedStack().kill(server.get());
            return;
        }
        Stage stage = stage(component);
        recorded().values().stream().filter(s -> s.stage().equals(stage.id())).findFirst()
                .ifPresent(ServiceLauncher::kill);
    }

    /**
     * Stops one stage's service politely (SIGTERM, as {@code kubectl delete pod} or a node drain does): it saves the
     * attempt in progress if it can (the trainer writes a checkpoint) and exits; killed after
     * {@value ServiceLauncher#STOP_SECONDS} s. Returns true when it exited by itself (also when it was not running).
     */
    public boolean stop(String stageId) throws IOException {
        ServiceLauncher.RunningService s = recorded().get(stage(stageId).id());
        return s == null || ServiceLauncher.stop(s);
    }

    /**
     * The health of every component, changing nothing; empty when no stack was started. A running server gets
     * 10 s and a running service {@code servicePatience} to answer before it counts as not answering.
     */
    public List<ComponentHealth> check(Duration servicePatience) throws IOException {
        Optional<LocalStack> stack = LocalStack.find(platform.stateDir());
        if (stack.isEmpty()) {
            return List.of();
        }
        List<ComponentHealth> all = new ArrayList<>();
        for (StackServer server : StackServer.values()) {
            all.add(new ComponentHealth(server.id(), stack.get().health(server), stack.get().pid(server)));
        }
        Map<String, ServiceLauncher.RunningService> recorded = recorded();
        for (Stage stage : Stage.values()) {
            ServiceLauncher.RunningService s = recorded.get(stage.id());
            all.add(s == null ? new ComponentHealth(stage.id(), ProcessHealth.EXITED, 0)
                    : new ComponentHealth(stage.id(), ServiceLauncher.health(s, servicePatience), s.pid()));
        }
        return all;
    }

    private List<Recovery> healServices(LocalStack stack, Collection<Stage> stages) throws IOException {
        Map<String, String> env = Platform.serviceEnvironment(stack);
        Map<String, ServiceLauncher.RunningService> services = recorded();
        List<Recovery> rows = new ArrayList<>();
        List<ServiceLauncher.RunningService> started = new ArrayList<>();
        for (Stage stage : stages) {
            ServiceLauncher.RunningService old = services.get(stage.id());
            String was;
            if (old == null) {
                was = "not started";
            } else {
                ProcessHealth health = ServiceLauncher.health(old, ServiceLauncher.PROBE_PATIENCE);
                if (health == ProcessHealth.UP && old.configuredFor(env)) {
                    rows.add(new Recovery(stage.id(), "up", Recovery.NONE));
                    continue;
                }
                if (health == ProcessHealth.UP) {
                    // started against another stack (ports changed by a down/up of the servers alone)
                    was = "up, on old endpoints (kafka " + old.kafkaBootstrap() + ")";
                    ServiceLauncher.stopAll(List.of(old));
                } else {
                    was = health.describe(old.pid());
                    ServiceLauncher.kill(old);
                }
            }
            ServiceLauncher.RunningService s = launcher.start(stage, env, platform.workDir().resolve(stage.id()),
                    old == null ? 0 : old.httpPort(), ServiceLauncher.torchThreads(old));
            started.add(s);
            services.put(stage.id(), s);
            rows.add(new Recovery(stage.id(), was, (old == null ? "started" : "restarted") + " (pid " + s.pid()
                    + ", http :" + s.httpPort() + ")"));
        }
        if (!started.isEmpty()) {
            // recorded before waiting: should one never get ready, `down` still finds and stops it
            platform.saveServices(Arrays.stream(Stage.values()).map(st -> services.get(st.id()))
                    .filter(s -> s != null).toList());
            for (ServiceLauncher.RunningService s : started) {
                launcher.awaitReady(s, ServiceLauncher.START_TIMEOUT);
            }
        }
        return rows;
    }

    /** Logs of components that run for days would otherwise grow past the limit between two starts. */
    private void rotateLiveLogs() {
        components().forEach(c -> {
            Path log = platform.logDir().resolve(server(c).isPresent() ? c + ".log" : c + "-service.log");
            if (Files.exists(log)) {
                LogFiles.rotateLive(log);
            }
        });
    }

    private LocalStack recordedStack() {
        return LocalStack.find(platform.stateDir()).orElseThrow(() -> new IllegalStateException(
                "the local stack is not running: start it with ./longrecipe up"));
    }

    private Map<String, ServiceLauncher.RunningService> recorded() throws IOException {
        return platform.recordedServices().stream().collect(Collectors.toMap(ServiceLauncher.RunningService::stage,
                Function.identity(), (a, b) -> b, LinkedHashMap::new));
    }

    /** The channel holds the lock until it is closed. */
    private FileChannel lockUp() throws IOException {
        Files.createDirectories(platform.root());
        FileChannel channel = FileChannel.open(platform.root().resolve("up.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            channel.lock();
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Optional<StackServer> server(String component) {
        return Arrays.stream(StackServer.values()).filter(s -> s.id().equalsIgnoreCase(component)).findFirst();
    }

    private static Stage stage(String component) {
        try {
            return Stage.parse(component.replaceFirst("-service$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown component '" + component + "': use one of "
                    + String.join(", ", components()), e);
        }
    }
}
