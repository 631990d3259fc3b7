package dev.longrecipe.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall and CPU time per compared method, kept in {@code .stack/demo/compare/<method>.json}. The demo adds each
 * {@link RunCost} lap as it is measured (every minute), so a comparison cut off and resumed, even in another session
 * after the machine was gone, still adds up every part of each run but the last minute before the cut.
 */
final class CompareLedger {
    private final Path dir;

    CompareLedger(Path dir) {
        this.dir = dir;
    }

    /** Adds a lap of the method's run. */
    void add(String method, RunCost.Measured lap) throws IOException {
        Entry before = entry(method);
        write(method, new Entry(before.wallSeconds() + lap.wallSeconds(), before.cpuSeconds() + lap.cpuSeconds(),
                before.finished()));
    }

    /** Marks the method's run as measured to the end (its evaluation completed). */
    void finish(String method) throws IOException {
        Entry before = entry(method);
        write(method, new Entry(before.wallSeconds(), before.cpuSeconds(), true));
    }

    RunCost.Measured get(String method) {
        Entry e = entry(method);
        return new RunCost.Measured(e.wallSeconds(), e.cpuSeconds());
    }

    /** "method 3/5 (pose); …; about N min left" — the comparison's ETA from the runs finished so far. */
    String progressLine(int index, List<String> methods) {
        double measured = 0;
        double finishedWall = 0;
        int finished = 0;
        for (String m : methods) {
            Entry e = entry(m);
            measured += e.wallSeconds();
            if (e.finished()) {
                finishedWall += e.wallSeconds();
                finished++;
            }
        }
        String eta = finished == 0 ? "ETA after the first finished run"
                : String.format(Locale.ROOT, "about %.0f min left (mean of %d finished runs; FLT costs more)",
                        finishedWall / finished * (methods.size() - finished) / 60, finished);
        return String.format(Locale.ROOT, "== compare: method %d/%d (%s); %.0f min measured so far; %s",
                index + 1, methods.size(), methods.get(index), measured / 60, eta);
    }

    private record Entry(double wallSeconds, double cpuSeconds, boolean finished) {
    }

    private Entry entry(String method) {
        Path file = dir.resolve(method + ".json");
        if (!Files.exists(file)) {
            return new Entry(0, 0, false);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(file.toFile());
            return new Entry(node.path("wallSeconds").asDouble(), node.path("cpuSeconds").asDouble(),
                    node.path("finished").asBoolean(false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Written to a sibling and moved into place: a kill mid-write leaves the previous total, never half a file. */
    private void write(String method, Entry entry) throws IOException {
        Files.createDirectories(dir);
        Path partial = dir.resolve(method + ".json.partial");
        Files.writeString(partial, Json.writePretty(Map.of("wallSeconds", entry.wallSeconds(),
                "cpuSeconds", entry.cpuSeconds(), "finished", entry.finished())));
        Files.move(partial, dir.resolve(method + ".json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
