package dev.longrecipe.analyzer.corpus;

import dev.longrecipe.analyzer.testing.Fixtures;
import dev.longrecipe.analyzer.types.TokenizedSample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTokenizerTest {

    @Test
    void spansAreJavaStringIndicesAlsoAfterAccentsAndCharactersOutsideTheBasicPlane() {
        String text = "Él dijo 😀 then 42 Ézé.";
        try (TextTokenizer tokenizer = TextTokenizer.load(Fixtures.tokenizer2048())) {
            TokenizedSample sample = tokenizer.tokenize(text);
            StringBuilder pieces = new StringBuilder();
            int lastEnd = 0;
            for (int i = 0; i < sample.length(); i++) {
                assertThat(sample.charStart()[i]).isBetween(0, text.length());
                assertThat(sample.charEnd()[i]).isBetween(sample.charStart()[i], text.length());
                lastEnd = Math.max(lastEnd, sample.charEnd()[i]);
                pieces.append(text, sample.charStart()[i], sample.charEnd()[i]).append('|');
            }
            assertThat(lastEnd).as(pieces.toString()).isEqualTo(text.length());
            int four = text.indexOf("42");
            boolean digitFound = false;
            for (int i = 0; i < sample.length(); i++) {
                if (sample.charStart()[i] == four) {
                    digitFound = text.substring(sample.charStart()[i], sample.charEnd()[i]).equals("4");
                }
            }
            assertThat(digitFound).as("a token spans exactly '4': " + pieces).isTrue();
        }
    }

    @Test
    void longTextsAreNotTruncated() {
        String text = "And it was so. ".repeat(400);
        try (TextTokenizer tokenizer = TextTokenizer.load(Fixtures.tokenizer2048())) {
            assertThat(tokenizer.tokenize(text).length()).isGreaterThan(1000);
        }
    }
}
