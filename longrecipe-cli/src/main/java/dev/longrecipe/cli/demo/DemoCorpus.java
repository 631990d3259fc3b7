package dev.longrecipe.cli.demo;

import dev.longrecipe.schema.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Turns the King James Bible ({@code Ge1:1 text…}, one verse per line) into the demo's corpora: long documents
 * (consecutive verses of one book, at least {@code docChars} characters) for analysis, samples and haystacks, and
 * short passages (pretraining-like text) for the base model's training and the replay phase.
 */
public final class DemoCorpus {
    /** Where the prepared files are. */
    public record Corpora(Path documents, Path passages) {
    }

    private DemoCorpus() {
    }

    public static Corpora prepare(Path kjvGz, Path outDir, int docChars, int passageChars) throws IOException {
        Files.createDirectories(outDir);
        Path docs = outDir.resolve("kjv-documents.jsonl.gz");
        Path passages = outDir.resolve("kjv-passages.jsonl.gz");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(kjvGz)), StandardCharsets.UTF_8));
             Writer docOut = gzipWriter(docs); Writer passageOut = gzipWriter(passages)) {
            StringBuilder doc = new StringBuilder();
            StringBuilder passage = new StringBuilder();
            String book = null;
            String line;
            while ((line = in.readLine()) != null) {
                int space = line.indexOf(' ');
                if (space < 0) {
                    continue;
                }
                String ref = line.substring(0, space);
                String verseBook = ref.replaceAll("\\d+:\\d+$", "");
                String text = line.substring(space + 1).trim();
                if (!verseBook.equals(book)) {
                    flush(doc, docOut, 0);
                    flush(passage, passageOut, 0);
                    book = verseBook;
                }
                doc.append(text).append('\n');
                passage.append(text).append(' ');
                flush(doc, docOut, docChars);
                flush(passage, passageOut, passageChars);
            }
            flush(doc, docOut, 0);
            flush(passage, passageOut, 0);
        }
        return new Corpora(docs, passages);
    }

    private static void flush(StringBuilder text, Writer out, int minChars) throws IOException {
        if (text.length() > 0 && text.length() >= minChars) {
            out.write(Json.write(Map.of("text", text.toString().trim())));
            out.write('\n');
            text.setLength(0);
        }
    }

    private static Writer gzipWriter(Path file) throws IOException {
        return new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8);
    }
}
