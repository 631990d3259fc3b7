package dev.longrecipe.corpora;

import dev.longrecipe.schema.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes generated lines as a JSONL corpus ({@code {"text": …}} per line, gzip when the name ends in .gz), in index
 * order whatever the number of threads, and atomically: the file appears only when complete.
 */
public final class JsonlCorpus {
    private static final int CHUNK = 64;

    private JsonlCorpus() {
    }

    /** Writes lines 0…count−1 of {@code line} (each a JSON object) to {@code out}. */
    public static void write(Path out, long count, LongFunction<Object> line) {
        Path tmp = out.resolveSibling(out.getFileName() + ".partial");
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            try (OutputStream raw = Files.newOutputStream(tmp);
                 Writer w = new OutputStreamWriter(out.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw,
                         StandardCharsets.UTF_8)) {
                for (long from = 0; from < count; from += CHUNK) {
                    List<String> chunk = LongStream.range(from, Math.min(count, from + CHUNK)).parallel()
                            .mapToObj(i -> Json.write(line.apply(i))).toList();
                    for (String json : chunk) {
                        w.write(json);
                        w.write('\n');
                    }
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write corpus " + out + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: the partial file is named as such
            }
        }
    }
}
