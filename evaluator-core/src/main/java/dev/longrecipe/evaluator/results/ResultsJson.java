package dev.longrecipe.evaluator.results;

import dev.longrecipe.schema.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads results.json, refusing a format version this code does not know. */
public final class ResultsJson {
    private ResultsJson() {
    }

    public static void write(BenchmarkResults results, Path file) {
        try {
            Files.writeString(file, Json.writePretty(results));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static BenchmarkResults read(Path file) {
        try {
            var tree = Json.MAPPER.readTree(Files.readAllBytes(file));
            int version = tree.path("formatVersion").asInt(-1);
            if (version != BenchmarkResults.FORMAT_VERSION) {
                throw new IllegalArgumentException(file + " has results formatVersion " + version + "; this evaluator"
                        + " reads version " + BenchmarkResults.FORMAT_VERSION + " (see RESULTS_FORMAT.md)");
            }
            return Json.MAPPER.treeToValue(tree, BenchmarkResults.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
