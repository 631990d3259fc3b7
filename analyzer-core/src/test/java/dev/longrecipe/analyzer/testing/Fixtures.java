package dev.longrecipe.analyzer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The reference fixtures (test-fixtures/, see its README), the KJV corpus (demo/data/) and inputs built from them. */
public final class Fixtures {
    public static final Path ROOT = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"));
    public static final Path KJV = Path.of(System.getProperty("longrecipe.kjv", "../demo/data/kjv.txt.gz"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static Path model(String name) {
        return ROOT.resolve("hf-reference").resolve(name);
    }

    /** The KJV-trained byte-level BPE tokenizer (vocab 2048). */
    public static Path tokenizer2048() {
        return ROOT.resolve("tokenizer-bpe2048").resolve("tokenizer.json");
    }

    /**
     * A copy of fixture model {@code name} in {@code dir/folderName} with a tokenizer.json that fits its vocabulary of
     * 512: the KJV BPE tokenizer cut to its first 512 ids (3 specials, 256 bytes, the first 253 merges), which is
     * exactly the tokenizer BPE training would have stopped at with vocab 512.
     */
    public static Path modelWithTokenizer(String name, Path dir, String folderName) throws IOException {
        return modelWithTokenizer(name, dir.resolve(folderName), 512);
    }

    /**
     * A copy of fixture model {@code name} (vocab 512) in folder {@code out} with the KJV BPE tokenizer cut to its
     * first {@code tokenizerVocab} ids (512 fits the model exactly).
     */
    public static Path modelWithTokenizer(String name, Path out, int tokenizerVocab) throws IOException {
        Files.createDirectories(out);
        Files.copy(model(name).resolve("config.json"), out.resolve("config.json"));
        Files.copy(model(name).resolve("model.safetensors"), out.resolve("model.safetensors"));
        writeTokenizer(out.resolve("tokenizer.json"), tokenizerVocab);
        return out;
    }

    /** Writes the KJV BPE tokenizer cut to ids below {@code vocabSize}. */
    public static void writeTokenizer(Path file, int vocabSize) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(tokenizer2048().toFile());
        ObjectNode model = (ObjectNode) root.get("model");
        ObjectNode vocab = (ObjectNode) model.get("vocab");
        ObjectNode kept = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asInt() < vocabSize) {
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
        Files.writeString(file, JSON.writeValueAsString(root));
    }

    /** A JSONL corpus of the first {@code chapters} KJV chapters, one chapter's verse texts per document. */
    public static Path kjvChapters(Path file, int chapters) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(KJV)), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(file)) {
            String chapter = null;
            StringBuilder text = new StringBuilder();
            int written = 0;
            String line;
            while ((line = in.readLine()) != null && written < chapters) {
                int space = line.indexOf(' ');
                String label = line.substring(0, space);                 // e.g. Ge1:1
                String thisChapter = label.substring(0, label.indexOf(':'));
                if (chapter != null && !thisChapter.equals(chapter)) {
                    out.write(JSON.writeValueAsString(Map.of("text", text.toString().strip())) + "\n");
                    written++;
                    text.setLength(0);
                }
                chapter = thisChapter;
                text.append(line.substring(space + 1)).append('\n');
            }
            if (written < chapters && !text.isEmpty()) {
                out.write(JSON.writeValueAsString(Map.of("text", text.toString().strip())) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not build a corpus from " + KJV, e);
        }
        return file;
    }
}
