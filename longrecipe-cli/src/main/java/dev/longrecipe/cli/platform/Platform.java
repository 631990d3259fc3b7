package dev.longrecipe.cli.platform;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.StackOptions;
import dev.longrecipe.stack.StackServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local platform as the CLI sees it: everything lives under {@code .stack/} in the repository — the Kafka and
 * S3 state ({@code .stack/state}), every process's log ({@code .stack/state/logs}) and the services {@code up}
 * started ({@code .stack/services.json}).
 */
public final class Platform {
    static final String KAFKA_ENV = "KAFKA_BOOTSTRAP_SERVERS";
    static final String S3_ENV = "LONGRECIPE_S3_ENDPOINT";

    private final Path home;
    private final Path root;

    /** The platform of a checkout: services from {@code home}, state in {@code home/.stack}. */
    public Platform(Path home) {
        this(home, home.resolve(".stack"));
    }

    /** Services from {@code home}, state (stack, services, work folders) in {@code root}: a second stack for tests. */
    public Platform(Path home, Path root) {
        this.home = home;
        this.root = root;
    }

    public static Platform fromEnvironment() {
        return new Platform(Path.of(System.getProperty("longrecipe.home", ".")).toAbsolutePath().normalize());
    }

    public Path home() {
        return home;
    }

    public Path root() {
        return root;
    }

    public Path stateDir() {
        return root().resolve("state");
    }

    public Path logDir() {
        return stateDir().resolve("logs");
    }

    public Path servicesFile() {
        return root().resolve("services.json");
    }

    public Path workDir() {
        return root().resolve("work");
    }

    public boolean isUp() {
        return LocalStack.isRunning(stateDir());
    }

    /**
     * How {@code up} starts the stack: every topic, the bucket, detached from the CLI's JVM, and as much time to
     * start as {@value StackOptions#STARTUP_SECONDS_ENV} allows when it is set.
     */
    public StackOptions stackOptions() {
        StackOptions options = StackOptions.defaults().withTopics(Topics.all().toArray(String[]::new))
                .withDetached(true);
        String seconds = System.getenv(StackOptions.STARTUP_SECONDS_ENV);
        if (seconds == null || seconds.isBlank()) {
            return options;
        }
        try {
            return options.withStartupTimeout(Duration.ofSeconds(Long.parseLong(seconds.trim())));
        } catch (IllegalArgumentException e) { // not a number, or not positive
            throw new IllegalArgumentException(StackOptions.STARTUP_SECONDS_ENV + " must be a positive whole number"
                    + " of seconds (e.g. 300), but is '" + seconds + "'");
        }
    }

    /**
     * The running stack, or an error that says what is wrong and how to fix it: nothing started yet, or a server
     * of the stack down (which {@code up} restarts on its port).
     */
    public LocalStack stack() {
        LocalStack stack = LocalStack.find(stateDir()).orElseThrow(() -> new IllegalStateException(
                "the local stack is not running: start it with ./longrecipe up"));
        List<String> down = new ArrayList<>();
        for (StackServer server : StackServer.values()) {
            if (!stack.isAlive(server)) {
                down.add(server.displayName() + " (pid " + stack.pid(server) + ")");
            }
        }
        if (!down.isEmpty()) {
            throw new IllegalStateException("the local stack is half down: " + String.join(" and ", down)
                    + " exited (see " + logDir() + "). `./longrecipe up` restarts it on the same port;"
                    + " the services reconnect by themselves");
        }
        return stack;
    }

    /** Configuration every service gets, as environment variables (Quarkus maps them to its property names). */
    public static Map<String, String> serviceEnvironment(LocalStack stack) {
        return Map.of(KAFKA_ENV, stack.kafkaBootstrap(),
                S3_ENV, stack.s3Endpoint(),
                "LONGRECIPE_S3_ACCESS_KEY", stack.accessKey(),
                "LONGRECIPE_S3_SECRET_KEY", stack.secretKey(),
                "LONGRECIPE_S3_BUCKET", stack.bucket());
    }

    /** Stops the recorded services, then Kafka and S3; returns false when nothing was running. */
    public boolean stop() throws IOException {
        ServiceLauncher.stopAll(recordedServices());
        saveServices(List.of());
        return LocalStack.stop(stateDir());
    }

    /** Every service {@code up} recorded, whether or not it still runs. */
    public List<ServiceLauncher.RunningService> recordedServices() throws IOException {
        if (!Files.exists(servicesFile())) {
            return List.of();
        }
        return Json.MAPPER.readValue(servicesFile().toFile(),
                new TypeReference<List<ServiceLauncher.RunningService>>() { });
    }

    /** The recorded services that still run. */
    public List<ServiceLauncher.RunningService> services() throws IOException {
        return recordedServices().stream().filter(s -> s.live().isPresent()).toList();
    }

    public void saveServices(List<ServiceLauncher.RunningService> services) throws IOException {
        Files.createDirectories(root());
        Path partial = root().resolve("services.json.partial");
        Files.writeString(partial, Json.writePretty(services));
        Files.move(partial, servicesFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
