package dev.longrecipe.analyzer.types;

import dev.longrecipe.analyzer.corpus.TextTokenizer;
import dev.longrecipe.analyzer.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    /** The types of the tokens that overlap the {@code occurrence}-th occurrence of {@code word} in the sample. */
    static Set<String> typesOf(TokenizedSample sample, String[] types, String word, int occurrence) {
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

    static String explain(TokenizedSample sample, String[] types) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            parts.add("'" + sample.text().substring(sample.charStart()[i], sample.charEnd()[i]) + "':" + types[i]);
        }
        return String.join(" ", parts);
    }

    @Test
    void digitsPronounsConjunctionsAndAuxiliariesGetTheirWordsTags() {
        TokenizedSample sample = tokenizer.tokenize("In 1611 they printed 12 books, and we have read them.");
        String[] types = upos.types(sample);
        String why = explain(sample, types);

        assertThat(typesOf(sample, types, "1611", 0)).as(why).containsExactly("NUM");
        assertThat(typesOf(sample, types, "12", 0)).as(why).containsExactly("NUM");
        assertThat(typesOf(sample, types, "they", 0)).as(why).containsExactly("PRON");
        assertThat(typesOf(sample, types, "we", 0)).as(why).containsExactly("PRON");
        assertThat(typesOf(sample, types, "them", 0)).as(why).containsExactly("PRON");
        assertThat(typesOf(sample, types, "and", 0)).as(why).containsExactly("CCONJ");
        assertThat(typesOf(sample, types, "have", 0)).as(why).containsExactly("AUX");
        assertThat(typesOf(sample, types, "In", 0)).as(why).containsExactly("ADP");
        assertThat(typesOf(sample, types, "books", 0)).as(why).containsExactly("NOUN");
        assertThat(typesOf(sample, types, ",", 0)).as(why).containsExactly("PUNCT");
    }

    @Test
    void everyDigitTokenOfANumberIsNum() {
        // the tokenizer splits digits one per token, so "2048" is four tokens, all of them NUM
        TokenizedSample sample = tokenizer.tokenize("He counted 2048 sheep.\nShe counted 7.");
        String[] types = upos.types(sample);
        String why = explain(sample, types);
        int digitTokens = 0;
        for (int i = 0; i < types.length; i++) {
            String text = sample.text().substring(sample.charStart()[i], sample.charEnd()[i]).strip();
            if (text.matches("[0-9]+")) {
                digitTokens++;
                assertThat(types[i]).as(why).isEqualTo("NUM");
            }
        }
        assertThat(digitTokens).isEqualTo(5);
        assertThat(typesOf(sample, types, "He", 0)).as(why).containsExactly("PRON");
        assertThat(typesOf(sample, types, "She", 0)).as(why).containsExactly("PRON");
    }

    @Test
    void tokensThatOverlapNoWordAreMarkedAndAreNeverAnchorCandidates() {
        TokenizedSample sample = tokenizer.tokenize("And God said.\n\nAnd it was so.");
        String[] types = upos.types(sample);
        for (int i = 0; i < types.length; i++) {
            String text = sample.text().substring(sample.charStart()[i], sample.charEnd()[i]);
            if (text.isBlank()) {
                assertThat(types[i]).as(explain(sample, types)).isEqualTo(UposTypeSystem.NO_WORD);
            }
        }
        assertThat(typesOf(sample, types, "And", 0)).containsExactly("CCONJ");
        assertThat(typesOf(sample, types, "And", 1)).containsExactly("CCONJ");
        assertThat(upos.isAnchorCandidate(UposTypeSystem.NO_WORD)).isFalse();
        assertThat(upos.isAnchorCandidate("NUM")).isTrue();
        // every sentence ends with . ! ? tagged PUNCT: a PUNCT rule would select every sentence
        assertThat(upos.isAnchorCandidate("PUNCT")).isFalse();
    }

    @Test
    void theSpaceTheTokenizerSplitsOffBeforeADigitBelongsToTheNumber() {
        // the Digits pre-tokenizer makes " 3250964" a space token and seven digit tokens: all eight are NUM, so the
        // magic number of a fact sentence is seen whole
        TokenizedSample sample = tokenizer.tokenize("One of the special magic numbers for merry-swan is: 3250964.\n"
                + "And it was so.");
        String[] types = upos.types(sample);
        String why = explain(sample, types);
        int number = sample.text().indexOf("3250964");
        int numTokens = 0;
        for (int i = 0; i < types.length; i++) {
            String text = sample.text().substring(sample.charStart()[i], sample.charEnd()[i]);
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
