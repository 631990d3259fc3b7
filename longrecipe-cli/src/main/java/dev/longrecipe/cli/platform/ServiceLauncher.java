package dev.longrecipe.cli.platform;

import dev.longrecipe.schema.Stage;
import dev.longrecipe.stack.LogFiles;
import dev.longrecipe.stack.ProcessHealth;
import dev.longrecipe.stack.ProcessStart;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts the five stage services as background JVMs (their Quarkus fast-jars), pointed at the local stack, and
 * checks, kills and stops them one by one. Each service's output is appended to
 * {@code <logDir>/<stage>-service.log} after a start banner and rotated by size ({@link LogFiles}), so the
 * output of a service that crashed is still there after it was restarted.
 */
public final class ServiceLauncher {
    /**
     * A service as {@code up} started it: which stage, its process (pid and start, {@link ProcessStart}: a recycled pid
     * is never taken for it, a clock step does not hide it), its HTTP port (health and metrics) and the stack endpoints
     * it was given.
     *
     * @param startedAtEpochMillis 0 in files written before it was recorded
     * @param kafkaBootstrap       null in files written before it was recorded
     * @param s3Endpoint           null in files written before it was recorded
     * @param torchThreads         libtorch threads it computes with; null in files written before it was recorded
     * @param bootId               null, and {@code startTicks} too, in files written before they were recorded
     */
    public record RunningService(String stage, long pid, int httpPort, long startedAtEpochMillis,
                                 String kafkaBootstrap, String s3Endpoint, Integer torchThreads, String bootId,
                                 Long startTicks) {

        /** The live process this record names, if it still runs. */
        public Optional<ProcessHandle> live() {
            return ProcessStart.recorded(startedAtEpochMillis, bootId, startTicks).liveProcess(pid);
        }

        /** True when this service was started with other Kafka or S3 endpoints than {@code env}'s. */
        boolean configuredFor(Map<String, String> env) {
            return (kafkaBootstrap == null || kafkaBootstrap.equals(env.get(Platform.KAFKA_ENV)))
                    && (s3Endpoint == null || s3Endpoint.equals(env.get(Platform.S3_ENV)));
        }
    }

    /**
     * libtorch threads per service (LONGRECIPE_TORCH_THREADS, default: the machine's cores, or for a restarted service
     * the count it ran with before). A run's stages compute
     * one at a time, so the active one may use every core: measured here on an idle 2-core machine, a training step
     * ran 1.77× faster with two threads than with one. With other work competing for the cores (concurrent runs,
     * builds), spinning OpenMP threads made a step up to 6× slower than one thread: set it to 1 then.
     */
    static int torchThreads(RunningService previous) {
        String set = System.getenv("LONGRECIPE_TORCH_THREADS");
        if (set != null && !set.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(set.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("LONGRECIPE_TORCH_THREADS must be a whole number of threads (1, 2,"
                        + " …), got '" + set + "'");
            }
        }
        // a restarted service computes as it did before: the thread count changes floating-point sums, so a run
        // resumed with another count would not give the same numbers as one that was never interrupted
        return previous != null && previous.torchThreads() != null ? previous.torchThreads()
                : Runtime.getRuntime().availableProcessors();
    }

    /** How long a running service may take to answer its liveness probe before it counts as hung. */
    static final Duration PROBE_PATIENCE = Duration.ofSeconds(15);
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final Path logDir;

    public ServiceLauncher(Path home, Path logDir) {
        this.home = home;
        this.logDir = logDir;
    }

    public Path jarOf(Stage stage) {
        return home.resolve(stage.id() + "-service/target/quarkus-app/quarkus-run.jar");
    }

    public Path logOf(Stage stage) {
        return logDir.resolve(stage.id() + "-service.log");
    }

    /**
     * Starts one service with the stack endpoints in {@code env}, on {@code preferredHttpPort} when that is free
     * (a restarted service keeps its health and metrics address) or else on a free one. Returns at once; see
     * {@link #awaitReady}.
     */
    public RunningService start(Stage stage, Map<String, String> env, Path workDir, int preferredHttpPort,
            int torchThreads) throws IOException {
        Path jar = jarOf(stage);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests install");
        }
        Files.createDirectories(workDir);
        int port = preferredHttpPort > 0 && isFree(preferredHttpPort) ? preferredHttpPort : freePort();
        ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-Xss4m", "-XX:+UseSerialGC",
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Dquarkus.http.port=" + port,
                "-Dai.djl.pytorch.num_threads=" + torchThreads, "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dlongrecipe.work-dir=" + workDir, "-jar", jar.toString());
        pb.environment().putAll(env);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().putIfAbsent("DJL_CACHE_DIR", home.resolve(".cache/djl").toString());
        Path log = logOf(stage);
        LogFiles.beforeStart(log);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        File devNull = new File("/dev/null");
        if (devNull.exists()) {
            pb.redirectInput(devNull);
        }
        Process p = pb.start();
        LogFiles.banner(log, stage.id() + "-service", p.pid());
        ProcessStart started = ProcessStart.of(p.toHandle());
        return new RunningService(stage.id(), p.pid(), port, started.epochMillis(), env.get(Platform.KAFKA_ENV),
                env.get(Platform.S3_ENV), torchThreads, started.bootId(), started.ticksSinceBoot());
    }

    /**
     * Whether the service runs and its liveness endpoint ({@code /q/health/live}) answers 200 within
     * {@code patience}. A process that runs but does not answer (or answers DOWN) all that time is
     * {@link ProcessHealth#NOT_ANSWERING}: Kubernetes would restart it, and so does {@code up}.
     */
    public static ProcessHealth health(RunningService s, Duration patience) {
        URI live = URI.create("http://127.0.0.1:" + s.httpPort() + "/q/health/live");
        long giveUp = System.nanoTime() + patience.toNanos();
        while (true) {
            if (s.live().isEmpty()) {
                return ProcessHealth.EXITED;
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(5)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return ProcessHealth.UP;
                }
            } catch (IOException e) {
                // not listening (yet, or any more)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ProcessHealth.NOT_ANSWERING;
            }
            if (System.nanoTime() > giveUp) {
                return ProcessHealth.NOT_ANSWERING;
            }
            sleep(250);
        }
    }

    /** Waits until the service reports ready ({@code /q/health/ready}: its Kafka consumer and S3 are there). */
    public void awaitReady(RunningService s, Duration timeout) {
        URI ready = URI.create("http://127.0.0.1:" + s.httpPort() + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        Path log = logOf(Stage.parse(s.stage()));
        while (System.nanoTime() < deadline) {
            if (s.live().isEmpty()) {
                throw new IllegalStateException(s.stage() + "-service exited during start-up; see the end of its"
                        + " log " + log);
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + s.stage() + "-service");
            }
            sleep(250);
        }
        throw new IllegalStateException(s.stage() + "-service was not ready after " + timeout.toSeconds()
                + " s; see the end of its log " + log + " (is the stack up? ./longrecipe status)");
    }

    /** SIGKILL, as a crash or the OOM killer would; returns once the process is gone. */
    public static void kill(RunningService s) {
        s.live().ifPresent(h -> {
            h.destroyForcibly();
            awaitExit(h, 10);
        });
    }

    /**
     * How long a stopped service may take before it is killed: the trainer finishes its step and writes a checkpoint
     * first (its {@code longrecipe.stage.stop-grace} is 100 s); the others exit at once.
     */
    static final int STOP_SECONDS = 120;

    /** Stops services by pid: a polite termination first ({@value #STOP_SECONDS} s to finish), then a forced one. */
    public static void stopAll(List<RunningService> services) {
        for (RunningService s : services) {
            s.live().ifPresent(ProcessHandle::destroy);
        }
        for (RunningService s : services) {
            s.live().ifPresent(ServiceLauncher::awaitExitOrKill);
        }
    }

    /** Stops one service (see {@link #stopAll}); returns true when it exited by itself (or was not running). */
    public static boolean stop(RunningService s) {
        return s.live().map(h -> {
            h.destroy();
            return awaitExitOrKill(h);
        }).orElse(true);
    }

    /** Waits {@value #STOP_SECONDS} s for a stopped process, then kills it; returns true when it exited by itself. */
    private static boolean awaitExitOrKill(ProcessHandle h) {
        if (awaitExit(h, STOP_SECONDS)) {
            return true;
        }
        h.destroyForcibly();
        awaitExit(h, 10);
        return false;
    }

    private static boolean awaitExit(ProcessHandle h, int seconds) {
        try {
            h.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !h.isAlive();
        } catch (Exception e) {
            return !h.isAlive();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
