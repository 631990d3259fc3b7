package dev.longrecipe.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A model's end-of-sequence token ids, as transformers' generate() finds them: {@code eos_token_id} (a number or a
 * list) in generation_config.json, else in config.json; none if neither names one.
 */
final class EosTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EosTokens() {
    }

    static Set<Integer> of(Path modelDir) {
        for (String file : new String[]{"generation_config.json", "config.json"}) {
            Path p = modelDir.resolve(file);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                JsonNode eos = JSON.readTree(p.toFile()).get("eos_token_id");
                if (eos == null || eos.isNull()) {
                    continue;
                }
                Set<Integer> ids = new LinkedHashSet<>();
                if (eos.isArray()) {
                    eos.forEach(n -> ids.add(n.asInt()));
                } else {
                    ids.add(eos.asInt());
                }
                return ids;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
            }
        }
        return Set.of();
    }
}
