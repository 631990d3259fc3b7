package dev.longrecipe.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The beginning-of-sequence token a model's inputs start with, decided as transformers' tokenizer decides whether to
 * add one (docs/TOKENIZATION.md). Text is encoded without special tokens everywhere in this project and the id
 * returned here is put in front at position 0: training samples, replay blocks, analysis inputs, benchmark prompts.
 *
 * <p>The rule, first match wins:
 * <ol>
 *   <li>{@code tokenizer_config.json} says {@code add_bos_token}: true → its {@code bos_token} (Llama-2, Mistral);
 *       false → none.</li>
 *   <li>{@code tokenizer.json}'s post-processor is a template that starts with a special token → that token
 *       (Llama-3's {@code <|begin_of_text|>}).</li>
 *   <li>a {@code tokenizer_config.json} that asks for neither → none (Qwen2: {@code bos_token} null).</li>
 *   <li>no {@code tokenizer_config.json} (a bare folder of config, weights and tokenizer.json, like the demo's
 *       models) → {@code config.json}'s {@code bos_token_id}, if the tokenizer knows that id.</li>
 * </ol>
 */
public final class BosToken {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BosToken() {
    }

    /** The BOS id for the Hugging Face folder {@code modelDir}, or empty when its inputs start without one. */
    public static OptionalInt of(Path modelDir) {
        JsonNode tokenizer = read(modelDir.resolve("tokenizer.json"));
        JsonNode tokenizerConfig = read(modelDir.resolve("tokenizer_config.json"));
        JsonNode config = read(modelDir.resolve("config.json"));

        if (tokenizerConfig != null && tokenizerConfig.has("add_bos_token")) {
            if (!tokenizerConfig.get("add_bos_token").asBoolean()) {
                return OptionalInt.empty();
            }
            OptionalInt byName = idOf(tokenizer, tokenContent(tokenizerConfig.get("bos_token")));
            return byName.isPresent() ? byName : configBos(config, tokenizer);
        }
        OptionalInt template = templateStart(tokenizer);
        if (template.isPresent()) {
            return template;
        }
        if (tokenizerConfig != null) {
            return OptionalInt.empty();
        }
        return configBos(config, tokenizer);
    }

    /** {@code ids} with {@code bos} in front, or {@code ids} itself when there is no BOS. */
    public static int[] prepend(OptionalInt bos, int[] ids) {
        if (bos.isEmpty()) {
            return ids;
        }
        int[] out = new int[ids.length + 1];
        out[0] = bos.getAsInt();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    private static OptionalInt templateStart(JsonNode tokenizer) {
        if (tokenizer == null) {
            return OptionalInt.empty();
        }
        JsonNode post = tokenizer.path("post_processor");
        JsonNode template = null;
        if ("TemplateProcessing".equals(post.path("type").asText())) {
            template = post;
        } else if ("Sequence".equals(post.path("type").asText())) {
            for (JsonNode p : post.path("processors")) {
                if ("TemplateProcessing".equals(p.path("type").asText())) {
                    template = p;
                }
            }
        }
        if (template == null || template.path("single").isEmpty()) {
            return OptionalInt.empty();
        }
        JsonNode first = template.path("single").get(0).path("SpecialToken");
        if (first.isMissingNode()) {
            return OptionalInt.empty();
        }
        JsonNode ids = template.path("special_tokens").path(first.path("id").asText()).path("ids");
        return ids.size() == 1 ? OptionalInt.of(ids.get(0).asInt()) : OptionalInt.empty();
    }

    private static OptionalInt configBos(JsonNode config, JsonNode tokenizer) {
        if (config == null) {
            return OptionalInt.empty();
        }
        JsonNode bos = config.get("bos_token_id");
        if (bos == null || !bos.canConvertToInt()) {
            return OptionalInt.empty();
        }
        int id = bos.asInt();
        return knows(tokenizer, id) ? OptionalInt.of(id) : OptionalInt.empty();
    }

    private static String tokenContent(JsonNode token) {
        if (token == null || token.isNull()) {
            return null;
        }
        return token.isTextual() ? token.asText() : token.path("content").asText(null);
    }

    private static OptionalInt idOf(JsonNode tokenizer, String content) {
        if (tokenizer == null || content == null) {
            return OptionalInt.empty();
        }
        for (JsonNode added : tokenizer.path("added_tokens")) {
            if (content.equals(added.path("content").asText())) {
                return OptionalInt.of(added.path("id").asInt());
            }
        }
        JsonNode id = tokenizer.path("model").path("vocab").get(content);
        return id != null && id.canConvertToInt() ? OptionalInt.of(id.asInt()) : OptionalInt.empty();
    }

    private static boolean knows(JsonNode tokenizer, int id) {
        if (tokenizer == null) {
            return true; // nothing to check against; config.json is the only word on it
        }
        for (JsonNode added : tokenizer.path("added_tokens")) {
            if (added.path("id").asInt(-1) == id) {
                return true;
            }
        }
        JsonNode vocab = tokenizer.path("model").path("vocab");
        if (vocab.isObject()) {
            for (JsonNode v : vocab) {
                if (v.asInt(-1) == id) {
                    return true;
                }
            }
        } else if (vocab.isArray()) { // Unigram: [[piece, score], …]
            return id >= 0 && id < vocab.size();
        }
        return false;
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (" + e.getMessage() + "); it must be the JSON"
                    + " file a Hugging Face model folder holds", e);
        }
    }
}
