package dev.longrecipe.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classpaths of the two server JVMs.
 *
 * <p>The build writes the resolved jars of Kafka and of S3Proxy (absolute paths in the local Maven
 * repository) into {@code kafka-server.classpath} and {@code s3proxy.classpath} next to this class
 * (maven-dependency-plugin, {@code build-classpath}). The servers therefore never share a classpath
 * with the JVM that starts them. This module's own classes come last, for the small launchers in
 * {@code dev.longrecipe.stack.child}.
 */
final class ServerClasspaths {

    static final String KAFKA = "kafka-server.classpath";
    static final String S3PROXY = "s3proxy.classpath";

    private ServerClasspaths() {
    }

    static List<Path> kafka() {
        return withLaunchers(read(KAFKA));
    }

    static List<Path> s3proxy() {
        return withLaunchers(read(S3PROXY));
    }

    private static List<Path> withLaunchers(List<Path> serverJars) {
        List<Path> classpath = new ArrayList<>(serverJars);
        classpath.add(ownLocation());
        return classpath;
    }

    private static List<Path> read(String resource) {
        try (InputStream in = ServerClasspaths.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + resource + " is missing from the local-stack build:"
                        + " rebuild it with ./mvnw -pl local-stack install -DskipTests");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + resource, e);
        }
    }

    /** The jars listed in a classpath file; every one must exist. */
    static List<Path> parse(String resource, String content) {
        List<Path> jars = Arrays.stream(content.strip().split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList();
        if (jars.isEmpty()) {
            throw new IllegalStateException("Classpath file " + resource + " is empty: rebuild local-stack with"
                    + " ./mvnw -pl local-stack install -DskipTests");
        }
        List<Path> missing = jars.stream().filter(p -> !Files.isRegularFile(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Classpath file " + resource + " names jars that do not exist: " + missing
                    + ". It was written when local-stack was built, on another machine or with another Maven"
                    + " repository: rebuild it here with ./mvnw -pl local-stack -am install -DskipTests");
        }
        return jars;
    }

    /** The jar or classes directory holding this module's classes. */
    private static Path ownLocation() {
        CodeSource source = ServerClasspaths.class.getProtectionDomain().getCodeSource();
        try {
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            if (location == null || !Files.exists(location)) {
                throw new IllegalStateException("Cannot locate the local-stack classes (code source " + location
                        + "); the server launchers in dev.longrecipe.stack.child must be loadable from a jar or"
                        + " directory on disk");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the local-stack classes from " + source.getLocation(), e);
        }
    }
}
