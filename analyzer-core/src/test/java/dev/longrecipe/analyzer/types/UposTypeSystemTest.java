package dev.longrecipe.analyzer.types;

import dev.longrecipe.analyzer.corpus.TextTokenizer;
import dev.longrecipe.analyzer.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens of the KJV BPE tokenizer get the UPOS tag of their word (hand-checked sentences). */
class UposTypeSystemTest {

    static TextTokenizer tokenizer;
    static UposTypeSystem upos;

    @BeforeAll
    static void load() {
        tokenizer = TextTokenizer.load(Fixtures.tokenizer2048());
        upos = new UposTypeSystem(new OpenNlpWordSpans());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /** A text's tokens and the type each got. */
    record Tagged(TokenizedSample sample, String[] types) {
        static Tagged of(String text) {
            TokenizedSample sample = tokenizer.tokenize(text);
            return new Tagged(sample, upos.types(sample));
        }

        String token(int i) {
            return sample.text().substring(sample.charStart()[i], sample.charEnd()[i]);
        }

        /** The types of the tokens that overlap the {@code occurrence}-th occurrence of {@code word} in the text. */
        Set<String> typesOf(String word, int occurrence) {
            int at = -1;
            for (int i = 0; i <= occurrence; i++) {
                at = sample.text().indexOf(word, at + 1);
            }
            int end = at + word.length();
            Set<String> found = new LinkedHashSet<>();
            for (int i = 0; i < types.length; i++) {
                if (sample.charStart()[i] < end && sample.charEnd()[i] > at && !types[i].equals(UposTypeSystem.NO_WORD)) {
                    found.add(types[i]);
                }
            }
            return found;
        }

        /** Every token with its type, to say why an assertion failed. */
        String explain() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < types.length; i++) {
                parts.add("'" + token(i) + "':" + types[i]);
            }
            return String.join(" ", parts);
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {"1611|NUM", "12|NUM", "they|PRON", "we|PRON", "them|PRON", "and|CCONJ",
            "have|AUX", "In|ADP", "books|NOUN", ",|PUNCT"})
    void digitsPronounsConjunctionsAndAuxiliariesGetTheirWordsTags(String word, String tag) {
        Tagged tagged = Tagged.of("In 1611 they printed 12 books, and we have read them.");
        assertThat(tagged.typesOf(word, 0)).as(tagged.explain()).containsExactly(tag);
    }

    @Test
    void everyDigitTokenOfANumberIsNum() {
        // the tokenizer splits digits one per token, so "2048" is four tokens, all of them NUM
        Tagged tagged = Tagged.of("He counted 2048 sheep.\nShe counted 7.");
        String why = tagged.explain();
        int digitTokens = 0;
        for (int i = 0; i < tagged.types().length; i++) {
            if (tagged.token(i).strip().matches("[0-9]+")) {
                digitTokens++;
                assertThat(tagged.types()[i]).as(why).isEqualTo("NUM");
            }
        }
        assertThat(digitTokens).isEqualTo(5);
        assertThat(tagged.typesOf("He", 0)).as(why).containsExactly("PRON");
        assertThat(tagged.typesOf("She", 0)).as(why).containsExactly("PRON");
    }

    @Test
    void tokensThatOverlapNoWordAreMarkedAndAreNeverAnchorCandidates() {
        Tagged tagged = Tagged.of("And God said.\n\nAnd it was so.");
        for (int i = 0; i < tagged.types().length; i++) {
            if (tagged.token(i).isBlank()) {
                assertThat(tagged.types()[i]).as(tagged.explain()).isEqualTo(UposTypeSystem.NO_WORD);
            }
        }
        assertThat(tagged.typesOf("And", 0)).containsExactly("CCONJ");
        assertThat(tagged.typesOf("And", 1)).containsExactly("CCONJ");
        assertThat(upos.isAnchorCandidate(UposTypeSystem.NO_WORD)).isFalse();
        assertThat(upos.isAnchorCandidate("NUM")).isTrue();
        // every sentence ends with . ! ? tagged PUNCT: a PUNCT rule would select every sentence
        assertThat(upos.isAnchorCandidate("PUNCT")).isFalse();
    }

    @Test
    void theSpaceTheTokenizerSplitsOffBeforeADigitBelongsToTheNumber() {
        // the Digits pre-tokenizer makes " 3250964" a space token and seven digit tokens: all eight are NUM, so the
        // magic number of a fact sentence is seen whole
        Tagged tagged = Tagged.of("One of the special magic numbers for merry-swan is: 3250964.\nAnd it was so.");
        TokenizedSample sample = tagged.sample();
        String[] types = tagged.types();
        String why = tagged.explain();
        int number = sample.text().indexOf("3250964");
        int numTokens = 0;
        for (int i = 0; i < types.length; i++) {
            String text = tagged.token(i);
            if (sample.charEnd()[i] == number && text.equals(" ")) {
                assertThat(types[i]).as(why).isEqualTo("NUM");
            }
            if (text.equals("\n")) {
                assertThat(types[i]).as(why).isEqualTo(UposTypeSystem.NO_WORD); // a line break stays no word's
            }
            if (types[i].equals("NUM") && sample.charStart()[i] >= number - 1) {
                numTokens++;
            }
        }
        assertThat(numTokens).as(why).isEqualTo(8);
        String[] spans = UposTypeSystem.map("a  7", new int[] {0, 1, 3}, new int[] {1, 3, 4},
                List.of(new TaggedWord(0, 1, "DET"), new TaggedWord(3, 4, "NUM")));
        assertThat(spans).containsExactly("DET", "NUM", "NUM");
    }

    @Test
    void aTokenTakesTheTagOfTheWordItOverlapsMostAndCombinedTagsSplitByPosition() {
        List<TaggedWord> words = List.of(new TaggedWord(0, 3, "PRON+AUX"), new TaggedWord(4, 9, "NOUN"));
        // tokens: "I'm" split as [0,1) [1,3); " words" [3,9) overlaps only the noun; [9,10) overlaps nothing
        String[] types = UposTypeSystem.map(new int[] {0, 1, 3, 9}, new int[] {1, 3, 9, 10}, words);
        assertThat(types).containsExactly("PRON", "AUX", "NOUN", UposTypeSystem.NO_WORD);
    }
}
