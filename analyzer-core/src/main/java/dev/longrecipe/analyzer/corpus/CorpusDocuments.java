package dev.longrecipe.analyzer.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Documents of a JSONL corpus ({@code {"text": …}} per line; a {@code .gz} name is decompressed), read lazily in
 * file order. Blank lines and documents whose text is blank are skipped; any other line must be a JSON object with
 * a string {@code text}, or reading stops with an error naming the line.
 */
public final class CorpusDocuments implements Iterator<String>, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path corpus;
    private final BufferedReader reader;
    private int lineNumber;
    private String next;

    private CorpusDocuments(Path corpus, BufferedReader reader) {
        this.corpus = corpus;
        this.reader = reader;
    }

    public static CorpusDocuments open(Path corpus) {
        if (corpus == null || !Files.isRegularFile(corpus)) {
            throw new IllegalArgumentException("corpus " + corpus + " does not exist or is not a file; give a JSONL"
                    + " file (optionally .gz) with one {\"text\": …} object per line");
        }
        try {
            InputStream in = Files.newInputStream(corpus);
            if (corpus.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in);
            }
            return new CorpusDocuments(corpus, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open corpus " + corpus + ": " + e.getMessage()
                    + " (a .gz name needs gzip content)", e);
        }
    }

    @Override
    public boolean hasNext() {
        try {
            String line;
            while (next == null && (line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    String text = text(line);
                    if (!text.isBlank()) {
                        next = text;
                    }
                }
            }
            return next != null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read corpus " + corpus + " after line " + lineNumber + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more documents in " + corpus);
        }
        String text = next;
        next = null;
        return text;
    }

    private String text(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
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

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
