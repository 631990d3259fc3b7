package dev.longrecipe.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall and CPU time per compared method, kept in {@code .stack/demo/compare/<method>.json} so that a comparison
 * interrupted and resumed (even in another session) still adds up every part of each run.
 */
final class CompareLedger {
    private final Path dir;

    CompareLedger(Path dir) {
        this.dir = dir;
    }

    void add(String method, RunCost.Measured cost) throws IOException {
        RunCost.Measured before = get(method);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(method + ".json"), Json.writePretty(Map.of(
                "wallSeconds", before.wallSeconds() + cost.wallSeconds(),
                "cpuSeconds", before.cpuSeconds() + cost.cpuSeconds())));
    }

    RunCost.Measured get(String method) {
        Path file = dir.resolve(method + ".json");
        if (!Files.exists(file)) {
            return new RunCost.Measured(0, 0);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            return new RunCost.Measured(node.path("wallSeconds").asDouble(), node.path("cpuSeconds").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** "method 3/5 (pose); …; about N min left" — the comparison's ETA from the runs measured so far. */
    String progressLine(int index, List<String> methods) {
        double measured = 0;
        int done = 0;
        for (String m : methods) {
            double wall = get(m).wallSeconds();
            if (wall > 0) {
                measured += wall;
                done++;
            }
        }
        String eta = done == 0 ? "ETA after the first run"
                : String.format(Locale.ROOT, "about %.0f min left (mean of %d measured runs; FLT costs more)",
                        measured / done * (methods.size() - done) / 60, done);
        return String.format(Locale.ROOT, "== compare: method %d/%d (%s); %.0f min measured so far; %s",
                index + 1, methods.size(), methods.get(index), measured / 60, eta);
    }
}
