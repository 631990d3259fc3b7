package dev.longrecipe.model.tokenizer;

import dev.longrecipe.model.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HfTokenizerTest {

    @Test
    void longTextIsNotTruncatedAndDecodesBackWithCharacterOffsets() throws IOException {
        String text = kjvOpening(80);
        try (HfTokenizer tok = HfTokenizer.load(Fixtures.tokenizer(), false)) {
            Encoded e = tok.encode(text);
            assertThat(e.size()).isGreaterThan(512);
            assertThat(tok.decode(e.ids())).isEqualTo(text);
            int previousEnd = 0;
            for (int i = 0; i < e.size(); i++) {
                assertThat(e.charStart()[i]).as("token " + i).isGreaterThanOrEqualTo(previousEnd - 1);
                assertThat(e.charEnd()[i]).isGreaterThan(e.charStart()[i]).isLessThanOrEqualTo(text.length());
                previousEnd = e.charEnd()[i];
            }
            assertThat(e.charEnd()[e.size() - 1]).isEqualTo(text.length());
        }
    }

    @Test
    void digitsAreSplitOnePerTokenWithTheirOffsets() {
        try (HfTokenizer tok = HfTokenizer.load(Fixtures.tokenizer(), false)) {
            String text = "Ge1:31 and 4567";
            Encoded e = tok.encode(text);
            int digits = 0;
            for (int i = 0; i < e.size(); i++) {
                String piece = text.substring(e.charStart()[i], e.charEnd()[i]).strip();
                if (!piece.isEmpty() && piece.chars().allMatch(Character::isDigit)) {
                    assertThat(piece).hasSize(1);
                    digits++;
                }
            }
            assertThat(digits).isEqualTo(7);
        }
    }

    @Test
    void missingTokenizerJsonIsAClearError(@TempDir Path tmp) {
        assertThatThrownBy(() -> HfTokenizer.load(tmp, false)).hasMessageContaining("no tokenizer.json at");
    }

    static String kjvOpening(int verses) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Fixtures.kjv())),
                StandardCharsets.UTF_8))) {
            for (int i = 0; i < verses; i++) {
                sb.append(r.readLine()).append('\n');
            }
        }
        return sb.toString();
    }
}
