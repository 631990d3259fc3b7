package dev.longrecipe.evaluator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The fixture BPE tokenizer cut down to the fixture models' 512-token vocabulary (specials, byte symbols, first
 * merges; the fixture's ids are in merge order, which this checks), so real text reaches the tiny models.
 */
final class SmallVocabTokenizer {
    static final Path FIXTURE = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"), "tokenizer-bpe2048/tokenizer.json");

    private SmallVocabTokenizer() {
    }

    static Path derive(int vocab, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(FIXTURE.toFile());
        ObjectNode model = (ObjectNode) root.get("model");
        ObjectNode oldVocab = (ObjectNode) model.get("vocab");
        ArrayNode oldMerges = (ArrayNode) model.get("merges");
        int firstMerged = oldVocab.size() - oldMerges.size();
        ObjectNode newVocab = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = oldVocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asInt() < vocab) {
                newVocab.set(e.getKey(), e.getValue());
            }
        }
        ArrayNode newMerges = json.createArrayNode();
        for (int i = 0; i < vocab - firstMerged; i++) {
            JsonNode m = oldMerges.get(i);
            if (oldVocab.get(m.get(0).asText() + m.get(1).asText()).asInt() != firstMerged + i) {
                throw new IllegalStateException("fixture tokenizer ids are not in merge order at merge " + i);
            }
            newMerges.add(m);
        }
        model.set("vocab", newVocab);
        model.set("merges", newMerges);
        Files.createDirectories(file.getParent());
        json.writeValue(file.toFile(), root);
        return file;
    }
}
