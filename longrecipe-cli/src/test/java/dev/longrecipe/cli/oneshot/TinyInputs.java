package dev.longrecipe.cli.oneshot;

import dev.longrecipe.cli.demo.RandomLlama;
import dev.longrecipe.schema.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Test inputs from the repository's fixtures: the transformers fixture models, the KJV text, tiny random Llamas. */
final class TinyInputs {
    static final Path FIXTURES = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"));
    static final Path KJV = Path.of(System.getProperty("longrecipe.kjv", "../demo/data/kjv.txt.gz"));
    /** The KJV byte-level BPE tokenizer, vocab 2048 (ids 0–2 are {@code <pad> <s> </s>}). */
    static final Path BPE_2048 = FIXTURES.resolve("tokenizer-bpe2048/tokenizer.json");

    private TinyInputs() {
    }

    static Path fixtureModel(String name) {
        return FIXTURES.resolve("hf-reference").resolve(name);
    }

    /** A random Llama (d=32, 2 layers, GQA 4/2, window 64) with the bpe2048 tokenizer. */
    static Path tinyLlama(Path dir, long seed, double ropeTheta) throws IOException {
        return new RandomLlama(32, 2, 4, 2, 64, 64, ropeTheta).write(dir, BPE_2048, 2048, 1, 2, seed);
    }

    /** The first {@code chapters} KJV chapters as JSONL, one chapter (verses joined by newlines) per document. */
    static Path kjvChapters(Path file, int chapters) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder chapter = new StringBuilder();
        String current = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(KJV)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null && lines.size() < chapters; ) {
                int space = line.indexOf(' ');
                String ref = line.substring(0, space);              // e.g. Ge1:1
                String chapterRef = ref.substring(0, ref.indexOf(':'));
                if (current != null && !chapterRef.equals(current)) {
                    lines.add(Json.write(Map.of("text", chapter.toString())));
                    chapter.setLength(0);
                }
                current = chapterRef;
                chapter.append(line.substring(space + 1)).append('\n');
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
