package dev.longrecipe.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.cli.platform.Platform;
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
    /** The method that trains on full-length samples. */
    private static final String FULL_LENGTH = "flt";

    private final Path dir;

    CompareLedger(Path dir) {
        this.dir = dir;
    }

    /** The local platform's ledger. */
    static CompareLedger of(Platform platform) {
        return new CompareLedger(platform.root().resolve("demo/compare"));
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

    /**
     * "method 2/5 (flt); …" with what is known of the time still needed: the running method's stages show their own
     * ETA, so this line estimates only the methods after it, at the mean wall time of the finished runs other than
     * FLT (FLT trains on full-length samples, ~3× the tokens of the others, and would inflate the mean; alone it
     * cannot stand for them either).
     */
    String progressLine(int index, List<String> methods) {
        double measured = 0;
        double finishedWall = 0;
        int finished = 0;
        for (String m : methods) {
            Entry e = entry(m);
            measured += e.wallSeconds();
            if (e.finished() && !m.equals(FULL_LENGTH)) {
                finishedWall += e.wallSeconds();
                finished++;
            }
        }
        List<String> after = methods.subList(index + 1, methods.size()).stream()
                .filter(m -> !entry(m).finished()).toList();
        String rest;
        if (after.isEmpty()) {
            rest = "the last method to run";
        } else if (finished == 0) {
            rest = after.size() + " more after it (an estimate after the first finished run)";
        } else {
            rest = String.format(Locale.ROOT, "%d more after it, about %.0f min each (mean of %d finished %s)%s",
                    after.size(), finishedWall / finished / 60, finished, finished == 1 ? "run" : "runs",
                    after.contains(FULL_LENGTH) ? "; FLT takes several times longer" : "");
        }
        return String.format(Locale.ROOT, "== compare: method %d/%d (%s); %.0f min measured so far; %s",
                index + 1, methods.size(), methods.get(index), measured / 60, rest);
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
