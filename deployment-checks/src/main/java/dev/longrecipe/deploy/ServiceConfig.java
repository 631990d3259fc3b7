package dev.longrecipe.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** A stage service's application.properties (the configuration baked into its image). */
public final class ServiceConfig {
    private final Path file;
    private final Properties properties = new Properties();

    private ServiceConfig(Path file) {
        this.file = file;
    }

    public static ServiceConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " does not exist: every stage service needs its"
                    + " application.properties with mp.messaging.incoming.stage-in.topic and .group.id");
        }
        ServiceConfig config = new ServiceConfig(file);
        try (Reader in = Files.newBufferedReader(file)) {
            config.properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    /** The value for the prod profile: {@code %prod.name} if set, else {@code name}. */
    public Optional<String> get(String name) {
        String prod = properties.getProperty("%prod." + name);
        return Optional.ofNullable(prod != null ? prod.strip() : properties.getProperty(name)).map(String::strip);
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> new AssertionError(file + " does not set " + name));
    }

    public String inputTopic() {
        return require("mp.messaging.incoming.stage-in.topic");
    }

    public String consumerGroup() {
        return require("mp.messaging.incoming.stage-in.group.id");
    }
}
