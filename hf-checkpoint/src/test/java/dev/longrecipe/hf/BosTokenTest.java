package dev.longrecipe.hf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a model's inputs start with a BOS token, decided from its folder as transformers' tokenizer decides. */
class BosTokenTest {
    @TempDir
    Path dir;

    /** A BPE tokenizer.json with three special tokens (ids 0–2) and a small vocabulary, plus a post-processor. */
    private static String tokenizerJson(String postProcessor) {
        return """
                {"version": "1.0",
                 "added_tokens": [
                   {"id": 0, "content": "<pad>", "special": true},
                   {"id": 1, "content": "<s>", "special": true},
                   {"id": 2, "content": "</s>", "special": true}],
                 "post_processor": %s,
                 "model": {"type": "BPE", "vocab": {"<pad>": 0, "<s>": 1, "</s>": 2, "a": 3, "b": 4}, "merges": []}}
                """.formatted(postProcessor);
    }

    private Path folder(String name, String config, String tokenizer, String tokenizerConfig) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        if (config != null) {
            Files.writeString(d.resolve("config.json"), config);
        }
        if (tokenizer != null) {
            Files.writeString(d.resolve("tokenizer.json"), tokenizer);
        }
        if (tokenizerConfig != null) {
            Files.writeString(d.resolve("tokenizer_config.json"), tokenizerConfig);
        }
        return d;
    }

    @Test
    void aBareFolderStartsWithTheConfigsBosWhenTheTokenizerKnowsIt() throws IOException {
        Path known = folder("known", "{\"bos_token_id\": 1, \"eos_token_id\": 2}", tokenizerJson("null"), null);
        assertThat(BosToken.of(known)).isEqualTo(OptionalInt.of(1));

        Path vocabOnly = folder("vocab", "{\"bos_token_id\": 4}", tokenizerJson("null"), null);
        assertThat(BosToken.of(vocabOnly)).as("an id of the model's vocabulary counts too").isEqualTo(OptionalInt.of(4));

        Path unknown = folder("unknown", "{\"bos_token_id\": 128000}", tokenizerJson("null"), null);
        assertThat(BosToken.of(unknown)).as("an id the tokenizer does not have").isEmpty();

        Path none = folder("none", "{\"eos_token_id\": 2}", tokenizerJson("null"), null);
        assertThat(BosToken.of(none)).isEmpty();
    }

    @Test
    void tokenizerConfigAddBosTokenDecides() throws IOException {
        Path on = folder("on", "{\"bos_token_id\": 2}", tokenizerJson("null"),
                "{\"add_bos_token\": true, \"bos_token\": \"<s>\"}");
        assertThat(BosToken.of(on)).as("the named token, not config.json's id").isEqualTo(OptionalInt.of(1));

        Path asObject = folder("object", "{}", tokenizerJson("null"),
                "{\"add_bos_token\": true, \"bos_token\": {\"content\": \"<s>\", \"lstrip\": false}}");
        assertThat(BosToken.of(asObject)).isEqualTo(OptionalInt.of(1));

        Path off = folder("off", "{\"bos_token_id\": 1}", tokenizerJson("null"),
                "{\"add_bos_token\": false, \"bos_token\": \"<s>\"}");
        assertThat(BosToken.of(off)).isEmpty();
    }

    @Test
    void aLlama3TemplatePostProcessorStartsWithItsSpecialToken() throws IOException {
        String llama3 = tokenizerJson("""
                {"type": "Sequence", "processors": [
                  {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true},
                  {"type": "TemplateProcessing",
                   "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}},
                              {"Sequence": {"id": "A", "type_id": 0}}],
                   "pair": [],
                   "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [128000],
                                                             "tokens": ["<|begin_of_text|>"]}}}]}
                """);
        Path model = folder("llama3", "{\"bos_token_id\": 1}", llama3,
                "{\"bos_token\": \"<|begin_of_text|>\", \"eos_token\": \"<|eot_id|>\"}");
        assertThat(BosToken.of(model)).isEqualTo(OptionalInt.of(128000));
    }

    @Test
    void aQwen2TokenizerConfigWithoutBosMeansNone() throws IOException {
        Path qwen2 = folder("qwen2", "{\"bos_token_id\": 1, \"eos_token_id\": 2}", tokenizerJson("null"),
                "{\"bos_token\": null, \"eos_token\": \"</s>\", \"pad_token\": \"<pad>\"}");
        assertThat(BosToken.of(qwen2)).isEmpty();
    }

    @Test
    void prependPutsTheBosInFrontOnlyWhenThereIsOne() {
        assertThat(BosToken.prepend(OptionalInt.of(7), new int[] {3, 4})).containsExactly(7, 3, 4);
        int[] ids = {3, 4};
        assertThat(BosToken.prepend(OptionalInt.empty(), ids)).isSameAs(ids);
    }
}
