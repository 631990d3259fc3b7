package dev.longrecipe.segmenter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Long documents from the King James Bible file (one verse per line, "Ge1:1 text…"): the verse reference
 * is stripped (it would make every verse a digit anchor) and verses are joined with newlines.
 */
public final class KjvCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KjvCorpus() {
    }

    /** The books in order (name → text). */
    public static Map<String, String> books(Path kjvGz) {
        Map<String, StringBuilder> books = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(kjvGz)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                int space = line.indexOf(' ');
                if (space < 0) {
                    continue;
                }
                String ref = line.substring(0, space);
                // "Ge1:1", "1Sa3:4": the book is the reference up to the chapter number (a leading digit belongs to it)
                int end = Character.isDigit(ref.charAt(0)) ? 1 : 0;
                while (end < ref.length() && !Character.isDigit(ref.charAt(end))) {
                    end++;
                }
                String book = ref.substring(0, end);
                StringBuilder sb = books.computeIfAbsent(book, b -> new StringBuilder());
                if (!sb.isEmpty()) {
                    sb.append('\n');
                }
                sb.append(line.substring(space + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kjvGz, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        books.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    /** Consecutive books concatenated until each document has at least {@code minChars} characters. */
    public static List<String> documents(Path kjvGz, int minChars) {
        List<String> docs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String book : books(kjvGz).values()) {
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(book);
            if (current.length() >= minChars) {
                docs.add(current.toString());
                current.setLength(0);
            }
        }
        return docs;
    }

    /** Writes documents as JSONL {"text": …} lines. */
    public static Path writeJsonl(List<String> documents, Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (String doc : documents) {
                out.write(JSON.writeValueAsString(Map.of("text", doc)));
                out.write('\n');
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
