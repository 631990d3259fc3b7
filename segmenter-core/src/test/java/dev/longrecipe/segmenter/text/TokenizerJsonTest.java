package dev.longrecipe.segmenter.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerJsonTest {

    static final Path FIXTURE = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"),
            "tokenizer-bpe2048/tokenizer.json");

    @Test
    void longTextIsNotTruncatedAndRoundTrips() {
        try (TokenizerJson tokenizer = TokenizerJson.load(FIXTURE)) {
            String text = "And God said, Let there be light: and there was light. ".repeat(200);
            int[] ids = tokenizer.encode(text);
            assertThat(ids.length).isGreaterThan(512);
            assertThat(tokenizer.decode(ids)).isEqualTo(text);
        }
    }

    @Test
    void addsNoSpecialTokens() {
        try (TokenizerJson tokenizer = TokenizerJson.load(FIXTURE)) {
            int[] ids = tokenizer.encode("light");
            assertThat(tokenizer.decode(ids)).isEqualTo("light");
        }
    }

    @Test
    void missingFileNamesTheFix(@TempDir Path dir) {
        assertThatThrownBy(() -> TokenizerJson.load(dir.resolve("nope.json")))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageContaining("nope.json").hasMessageContaining("tokenizer.json of the base model");
    }

    @Test
    void garbageFileGivesClearError(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("tokenizer.json"), "{not a tokenizer");
        assertThatThrownBy(() -> TokenizerJson.load(bad))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageContaining("could not load tokenizer").hasMessageContaining("Hugging Face tokenizer.json");
    }
}
