package dev.longrecipe.cli.platform;

import dev.longrecipe.schema.Stage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the five stage services as background JVMs (their Quarkus fast-jars), pointed at the local stack, with
 * their logs in {@code .stack/logs/<stage>-service.log}.
 */
public final class ServiceLauncher {
    /** A running service: which stage, its process id and HTTP port (health and metrics). */
    public record RunningService(String stage, long pid, int httpPort) {
    }

    /**
     * libtorch threads per service (LONGRECIPE_TORCH_THREADS, default: the machine's cores). A run's stages compute
     * one at a time, so the active one may use every core: measured here on an idle 2-core machine, a training step
     * ran 1.77× faster with two threads than with one. With other work competing for the cores (concurrent runs,
     * builds), spinning OpenMP threads made a step up to 6× slower than one thread: set it to 1 then.
     */
    static final String TORCH_THREADS = System.getenv().getOrDefault("LONGRECIPE_TORCH_THREADS",
            String.valueOf(Runtime.getRuntime().availableProcessors()));

    private final Path home;
    private final Path logDir;

    public ServiceLauncher(Path home, Path logDir) {
        this.home = home;
        this.logDir = logDir;
    }

    public Path jarOf(Stage stage) {
        return home.resolve(stage.id() + "-service/target/quarkus-app/quarkus-run.jar");
    }

    /** Starts every service and waits until each reports ready. */
    public List<RunningService> startAll(Map<String, String> env, Path workRoot) throws IOException {
        List<RunningService> started = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            started.add(start(stage, env, workRoot.resolve(stage.id())));
        }
        for (RunningService s : started) {
            awaitReady(s, Duration.ofMinutes(2));
        }
        return started;
    }

    private RunningService start(Stage stage, Map<String, String> env, Path workDir) throws IOException {
        Path jar = jarOf(stage);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests install");
        }
        Files.createDirectories(logDir);
        Files.createDirectories(workDir);
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-Xss4m", "-XX:+UseSerialGC",
                "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Dquarkus.http.port=" + port,
                "-Dai.djl.pytorch.num_threads=" + TORCH_THREADS, "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dlongrecipe.work-dir=" + workDir, "-jar", jar.toString());
        pb.environment().putAll(env);
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().putIfAbsent("DJL_CACHE_DIR", home.resolve(".cache/djl").toString());
        Path log = logDir.resolve(stage.id() + "-service.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        return new RunningService(stage.id(), p.pid(), port);
    }

    private static void awaitReady(RunningService s, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create("http://127.0.0.1:" + s.httpPort() + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + s.stage() + "-service");
                }
            } else {
                throw new IllegalStateException(s.stage() + "-service exited during start-up; see its log in "
                        + ".stack/logs/" + s.stage() + "-service.log");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + s.stage() + "-service");
            }
        }
        throw new IllegalStateException(s.stage() + "-service was not ready after " + timeout.toSeconds()
                + " s; see .stack/logs/" + s.stage() + "-service.log");
    }

    /** Stops services by pid: a polite termination first, then a forced one. */
    public static void stopAll(List<RunningService> services) {
        for (RunningService s : services) {
            ProcessHandle.of(s.pid()).ifPresent(ProcessHandle::destroy);
        }
        for (RunningService s : services) {
            ProcessHandle.of(s.pid()).ifPresent(h -> {
                try {
                    h.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
