package dev.longrecipe.cli.platform;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.StackOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local platform as the CLI sees it: everything lives under {@code .stack/} in the repository — the Kafka and
 * S3 state ({@code .stack/state}), every process's log ({@code .stack/logs}) and the running services
 * ({@code .stack/services.json}).
 */
public final class Platform {
    private final Path home;

    public Platform(Path home) {
        this.home = home;
    }

    public static Platform fromEnvironment() {
        return new Platform(Path.of(System.getProperty("longrecipe.home", ".")).toAbsolutePath().normalize());
    }

    public Path home() {
        return home;
    }

    public Path root() {
        return home.resolve(".stack");
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

    /** Starts Kafka and S3 (detached) if they are not running, creating every topic and the bucket. */
    public LocalStack startStack() {
        if (isUp()) {
            return LocalStack.attach(stateDir());
        }
        StackOptions options = StackOptions.defaults().withTopics(Topics.all().toArray(String[]::new))
                .withDetached(true);
        return LocalStack.start(stateDir(), options);
    }

    /** The running stack, or an error that says how to start it. */
    public LocalStack stack() {
        if (!isUp()) {
            throw new IllegalStateException("the local stack is not running: start it with ./longrecipe up");
        }
        return LocalStack.attach(stateDir());
    }

    /** Configuration every service gets, as environment variables (Quarkus maps them to its property names). */
    public static Map<String, String> serviceEnvironment(LocalStack stack) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrap(),
                "LONGRECIPE_S3_ENDPOINT", stack.s3Endpoint(),
                "LONGRECIPE_S3_ACCESS_KEY", stack.accessKey(),
                "LONGRECIPE_S3_SECRET_KEY", stack.secretKey(),
                "LONGRECIPE_S3_BUCKET", stack.bucket());
    }

    public List<ServiceLauncher.RunningService> services() throws IOException {
        if (!Files.exists(servicesFile())) {
            return List.of();
        }
        List<ServiceLauncher.RunningService> all = Json.MAPPER.readValue(servicesFile().toFile(),
                new TypeReference<List<ServiceLauncher.RunningService>>() { });
        List<ServiceLauncher.RunningService> alive = new ArrayList<>();
        for (ServiceLauncher.RunningService s : all) {
            if (ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                alive.add(s);
            }
        }
        return alive;
    }

    public void saveServices(List<ServiceLauncher.RunningService> services) throws IOException {
        Files.createDirectories(root());
        Files.writeString(servicesFile(), Json.writePretty(services));
    }
}
