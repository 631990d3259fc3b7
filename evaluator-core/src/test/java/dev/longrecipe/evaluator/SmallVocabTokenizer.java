package dev.longrecipe.evaluator;

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
 * The fixture BPE tokenizer cut down to the fixture models' 512-token vocabulary: the specials, the 256 byte
 * symbols and the first merges (ids are in merge order in the fixture file, which this checks), so real text can
 * be fed to the tiny reference models end to end.
 */
public final class SmallVocabTokenizer {
    private SmallVocabTokenizer() {
    }

    public static Path derive(int vocab, Path outDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(Fixtures.TOKENIZER_BPE2048.toFile());
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
            String merged = m.get(0).asText() + m.get(1).asText();
            if (oldVocab.get(merged).asInt() != firstMerged + i) {
                throw new IllegalStateException("fixture tokenizer ids are not in merge order at merge " + i);
            }
            newMerges.add(m);
        }
        model.set("vocab", newVocab);
        model.set("merges", newMerges);
        Files.createDirectories(outDir);
        Path file = outDir.resolve("tokenizer.json");
        json.writeValue(file.toFile(), root);
        return file;
    }
}
