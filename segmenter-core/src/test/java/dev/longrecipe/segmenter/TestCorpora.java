package dev.longrecipe.segmenter;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Small real corpora for stage tests: KJV verses grouped into documents. */
final class TestCorpora {

    static final Path KJV = Path.of(System.getProperty("longrecipe.kjv", "../demo/data/kjv.txt.gz"));
    static final Path TOKENIZER = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"),
            "tokenizer-bpe2048/tokenizer.json");

    private TestCorpora() {
    }

    /** {@code docs} documents of {@code versesPerDoc} consecutive verses (reference stripped, newline-joined). */
    static List<String> documents(int docs, int versesPerDoc) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(KJV)),
                StandardCharsets.UTF_8))) {
            StringBuilder doc = new StringBuilder();
            int verses = 0;
            for (String line; out.size() < docs && (line = in.readLine()) != null; ) {
                doc.append(line.substring(line.indexOf(' ') + 1)).append('\n');
                if (++verses == versesPerDoc) {
                    out.add(doc.toString());
                    doc.setLength(0);
                    verses = 0;
                }
            }
        }
        return out;
    }

    static String jsonLine(String text) throws IOException {
        return new ObjectMapper().writeValueAsString(Map.of("text", text));
    }

    static Path write(Path file, List<String> lines, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }
}
