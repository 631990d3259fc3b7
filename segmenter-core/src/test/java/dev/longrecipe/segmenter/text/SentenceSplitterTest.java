package dev.longrecipe.segmenter.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTest {

    @Test
    void delimiterStaysWithItsSentenceAndRemainderIsASentence() {
        assertThat(SentenceSplitter.split("In the beginning. God said: Let there be light! Was it? yes\nand then"))
                .containsExactly("In the beginning.", " God said: Let there be light!", " Was it?", " yes\n", "and then");
    }

    @Test
    void runOfDelimitersEndsOneSentence() {
        assertThat(SentenceSplitter.split("Wait...what?!\n\nNext")).containsExactly("Wait...", "what?!\n\n", "Next");
    }

    @Test
    void emptyTextHasNoSentencesAndDelimiterOnlyTextIsOneSentence() {
        assertThat(SentenceSplitter.split("")).isEmpty();
        assertThat(SentenceSplitter.split("\n\n")).containsExactly("\n\n");
    }

    @Test
    void concatenationGivesBackTheTextAndEverySentenceEndsAtADelimiterExceptTheLast() {
        Random rng = new Random(7);
        String alphabet = "ab .!?\n1";
        for (int doc = 0; doc < 300; doc++) {
            StringBuilder sb = new StringBuilder();
            int len = rng.nextInt(200);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            List<String> sentences = SentenceSplitter.split(text);
            assertThat(String.join("", sentences)).isEqualTo(text);
            for (int s = 0; s < sentences.size(); s++) {
                String sentence = sentences.get(s);
                assertThat(sentence).isNotEmpty();
                if (s < sentences.size() - 1) {
                    assertThat(SentenceSplitter.isDelimiter(sentence.charAt(sentence.length() - 1))).isTrue();
                    // the next sentence does not start with a delimiter: runs stay together
                    assertThat(SentenceSplitter.isDelimiter(sentences.get(s + 1).charAt(0))).isFalse();
                }
                // no delimiter is followed by a non-delimiter inside a sentence
                for (int c = 0; c + 1 < sentence.length(); c++) {
                    if (SentenceSplitter.isDelimiter(sentence.charAt(c))) {
                        assertThat(SentenceSplitter.isDelimiter(sentence.charAt(c + 1))).isTrue();
                    }
                }
            }
        }
    }
}
