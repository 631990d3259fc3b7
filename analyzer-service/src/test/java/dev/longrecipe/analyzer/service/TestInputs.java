package dev.longrecipe.analyzer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Real inputs from the shared fixtures: tiny HF models with a fitting tokenizer, and a KJV corpus. */
final class TestInputs {
    static final Path FIXTURES = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"));
    static final Path KJV = Path.of(System.getProperty("longrecipe.kjv", "../demo/data/kjv.txt.gz"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestInputs() {
    }

    /**
     * Fixture model {@code name} (vocab 512) copied into {@code dir} with the KJV BPE tokenizer cut to its first
     * {@code tokenizerVocab} ids (512 fits the model exactly).
     */
    static Path model(String name, Path dir, int tokenizerVocab) throws IOException {
        Path source = FIXTURES.resolve("hf-reference").resolve(name);
        Files.createDirectories(dir);
        Files.copy(source.resolve("config.json"), dir.resolve("config.json"));
        Files.copy(source.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        ObjectNode root = (ObjectNode) JSON.readTree(FIXTURES.resolve("tokenizer-bpe2048/tokenizer.json").toFile());
        ObjectNode model = (ObjectNode) root.get("model");
        ObjectNode kept = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.get("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asInt() < tokenizerVocab) {
                kept.set(e.getKey(), e.getValue());
            }
        }
        ArrayNode merges = JSON.createArrayNode();
        for (JsonNode merge : model.get("merges")) {
            String[] parts = merge.isArray() ? new String[] {merge.get(0).asText(), merge.get(1).asText()}
                    : merge.asText().split(" ", 2);
            if (kept.has(parts[0]) && kept.has(parts[1]) && kept.has(parts[0] + parts[1])) {
                merges.add(merge);
            }
        }
        model.set("vocab", kept);
        model.set("merges", merges);
        Files.writeString(dir.resolve("tokenizer.json"), JSON.writeValueAsString(root));
        return dir;
    }

    /** JSONL of the first {@code chapters} chapters of the KJV (demo/data), one chapter per document. */
    static Path kjvChapters(Path file, int chapters) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(KJV)),
                StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(file)) {
            String chapter = null;
            StringBuilder text = new StringBuilder();
            int written = 0;
            String line;
            while ((line = in.readLine()) != null && written < chapters) {
                int space = line.indexOf(' ');
                String label = line.substring(0, space);               // e.g. Ge1:1
                String thisChapter = label.substring(0, label.indexOf(':'));
                if (chapter != null && !thisChapter.equals(chapter)) {
                    out.write(JSON.writeValueAsString(Map.of("text", text.toString().strip())) + "\n");
                    written++;
                    text.setLength(0);
                }
                chapter = thisChapter;
                text.append(line.substring(space + 1)).append('\n');
            }
        }
        return file;
    }
}
