package dev.longrecipe.analyzer.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads documents from a JSONL corpus ({@code {"text": …}} per line; {@code .gz} is decompressed). Blank lines and
 * documents whose text is empty or whitespace are skipped; any other line must be a JSON object with a string
 * {@code text}, or reading stops with an error naming the line.
 */
public final class CorpusDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusDocuments() {
    }

    /** The first {@code limit} non-blank documents of {@code corpus}, in file order. */
    public static List<String> read(Path corpus, int limit) {
        if (!Files.isRegularFile(corpus)) {
            throw new IllegalArgumentException("corpus " + corpus + " does not exist or is not a file; give a JSONL"
                    + " file (optionally .gz) with one {\"text\": …} object per line");
        }
        List<String> documents = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(corpus);
             InputStream in = corpus.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while (documents.size() < limit && (line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String text = text(corpus, lineNumber, line);
                if (!text.isBlank()) {
                    documents.add(text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read corpus " + corpus + ": " + e.getMessage()
                    + " (a .gz name needs gzip content)", e);
        }
        return documents;
    }

    private static String text(Path corpus, int lineNumber, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("corpus " + corpus + " line " + lineNumber + " is not JSON ("
                    + e.getOriginalMessage() + "); each line must be an object like {\"text\": \"…\"}");
        }
        JsonNode text = node == null ? null : node.get("text");
        if (text == null || !text.isTextual()) {
            throw new IllegalArgumentException("corpus " + corpus + " line " + lineNumber + " has no string field"
                    + " \"text\"; each line must be an object like {\"text\": \"…\"}");
        }
        return text.asText();
    }
}
