package dev.longrecipe.deploy;

import dev.longrecipe.schema.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Meters the services register only once something happens (a service that has done no work does not show them on
 * /q/metrics): the {@code "longrecipe.…"} meter names in Micrometer-using sources of stage-runtime and the
 * {@code <stage>-service} modules, in Prometheus form (dots to underscores; counters also as {@code _total}).
 */
public final class StageServiceMeters {
    private static final Pattern NAME = Pattern.compile("\"(longrecipe\\.[a-z0-9_.]*[a-z0-9_])\"");
    private static final Pattern COUNTER = Pattern.compile("Counter\\.builder\\(\\s*\"(longrecipe\\.[a-z0-9_.]+)\"");

    private StageServiceMeters() {
    }

    public static Set<String> declared(RepositoryLayout repo) {
        List<Path> roots = new ArrayList<>();
        roots.add(repo.root().resolve("stage-runtime/src/main/java"));
        for (Stage stage : Stage.values()) {
            roots.add(repo.serviceModule(stage).resolve("src/main/java"));
        }
        Set<String> names = new TreeSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    if (!source.contains("import io.micrometer.")) {
                        continue;
                    }
                    Matcher m = NAME.matcher(source);
                    while (m.find()) {
                        names.add(m.group(1).replace('.', '_'));
                    }
                    Matcher c = COUNTER.matcher(source);
                    while (c.find()) {
                        names.add(c.group(1).replace('.', '_') + "_total");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
