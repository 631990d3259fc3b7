package dev.longrecipe.deploy;

import dev.longrecipe.schema.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Meters a stage service registers itself (beyond stage-runtime's, which a running service shows on /q/metrics):
 * the {@code "longrecipe.…"} names given to Micrometer builders in {@code <stage>-service/src/main/java}, in their
 * Prometheus form (dots to underscores; a counter also as {@code _total}).
 */
public final class StageServiceMeters {
    private static final Pattern METER = Pattern.compile(
            "(Gauge|Counter|Timer|DistributionSummary)\\.builder\\(\\s*\"(longrecipe\\.[a-z0-9_.]+)\"|"
                    + "\\.(gauge|counter|timer)\\(\\s*\"(longrecipe\\.[a-z0-9_.]+)\"");

    private StageServiceMeters() {
    }

    public static Set<String> declared(RepositoryLayout repo) {
        Set<String> names = new TreeSet<>();
        for (Stage stage : Stage.values()) {
            Path sources = repo.serviceModule(stage).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = METER.matcher(Files.readString(file));
                    while (m.find()) {
                        String type = m.group(1) != null ? m.group(1) : m.group(3);
                        String name = (m.group(2) != null ? m.group(2) : m.group(4)).replace('.', '_');
                        names.add(name);
                        if (type.equalsIgnoreCase("counter")) {
                            names.add(name + "_total");
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
