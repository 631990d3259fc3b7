package dev.longrecipe.corpora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.model.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FactDocumentsTest {
    static final Path KJV = Path.of(System.getProperty("longrecipe.kjv", "../demo/data/kjv.txt.gz"));
    static final Path TOKENIZER = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"),
            "tokenizer-bpe2048", "tokenizer.json");
    static HfTokenizer tokenizer;
    static List<String> verses;

    @BeforeAll
    static void load() {
        tokenizer = HfTokenizer.load(TOKENIZER, false);
        verses = KjvText.read(KJV).verses(1, 60);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void every_document_has_exactly_the_requested_tokens() {
        FactDocuments docs = new FactDocuments(verses, tokenizer::countTokens, 1023, 4, 7);
        for (long i = 0; i < 20; i++) {
            assertThat(tokenizer.countTokens(docs.document(i).text())).isEqualTo(1023);
        }
        FactDocuments short_ = new FactDocuments(verses, tokenizer::countTokens, 300, 2, 7);
        assertThat(tokenizer.countTokens(short_.document(3).text())).isEqualTo(300);
    }

    @Test
    void each_needle_comes_before_its_question_and_its_digits_appear_only_in_the_fact() {
        FactDocuments docs = new FactDocuments(verses, tokenizer::countTokens, 1023, 4, 11);
        for (long i = 0; i < 20; i++) {
            FactDocuments.FactDocument d = docs.document(i);
            assertThat(d.facts()).hasSize(4);
            for (FactDocuments.Fact f : d.facts()) {
                String needle = "One of the special magic numbers for " + f.key() + " is: " + f.value() + ".";
                String question = "What is the special magic number for " + f.key() + " mentioned in the provided text?";
                String answer = "The special magic number for " + f.key() + " mentioned in the provided text is "
                        + f.value() + ".";
                int n = d.text().indexOf(needle);
                int q = d.text().indexOf(question);
                assertThat(n).as("needle of %s in document %d", f.key(), i).isGreaterThanOrEqualTo(0);
                assertThat(q).as("question after the needle").isGreaterThan(n);
                assertThat(d.text().indexOf(question + " " + answer)).isEqualTo(q);
                // the value occurs exactly twice: in the needle and in the answer
                assertThat(occurrences(d.text(), f.value())).isEqualTo(2);
            }
            // no digits other than the facts' values
            Matcher m = Pattern.compile("\\d+").matcher(d.text());
            while (m.find()) {
                String number = m.group();
                assertThat(d.facts().stream().anyMatch(f -> f.value().equals(number))).as(number).isTrue();
            }
        }
    }

    @Test
    void needles_lie_in_the_first_seventy_percent() {
        FactDocuments docs = new FactDocuments(verses, tokenizer::countTokens, 1023, 4, 5);
        for (long i = 0; i < 20; i++) {
            FactDocuments.FactDocument d = docs.document(i);
            for (FactDocuments.Fact f : d.facts()) {
                int at = d.text().indexOf("One of the special magic numbers for " + f.key());
                assertThat((double) at / d.text().length()).isLessThan(0.75); // 70 % of verses; characters vary a little
            }
        }
    }

    @Test
    void the_same_seed_and_index_give_the_same_document() {
        FactDocuments a = new FactDocuments(verses, tokenizer::countTokens, 512, 4, 3);
        FactDocuments b = new FactDocuments(verses, tokenizer::countTokens, 512, 4, 3);
        assertThat(a.document(42)).isEqualTo(b.document(42));
        assertThat(a.document(42)).isNotEqualTo(a.document(43));
        assertThat(new FactDocuments(verses, tokenizer::countTokens, 512, 4, 4).document(42))
                .isNotEqualTo(a.document(42));
    }

    @Test
    void mixture_lines_are_windows_or_answered_prompts_of_the_requested_lengths() {
        NiahMixture mixture = new NiahMixture(verses, tokenizer::countTokens, 255, 159, 2);
        int prompts = 0;
        for (long i = 0; i < 40; i++) {
            String line = mixture.line(i);
            int tokens = tokenizer.countTokens(line);
            if (line.startsWith("A special magic number is hidden within the following text.")) {
                prompts++;
                assertThat(tokens).isBetween(159, 255);
                Matcher m = Pattern.compile("for ([a-z]+-[a-z]+) is: (\\d{7})\\.").matcher(line);
                assertThat(m.find()).isTrue();
                assertThat(line).endsWith("mentioned in the provided text is " + m.group(2) + ".");
                assertThat(line).contains("What is the special magic number for " + m.group(1));
            } else {
                assertThat(tokens).isEqualTo(255);
                assertThat(line).doesNotContainPattern("\\d");
            }
        }
        assertThat(prompts).isBetween(10, 30);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
