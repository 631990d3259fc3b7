package dev.longrecipe.segmenter.anchor;

import dev.longrecipe.draw.anchor.AnchorRule;
import dev.longrecipe.draw.anchor.PosTypeAnchorRule;
import dev.longrecipe.draw.anchor.TextAnchorRule;
import dev.longrecipe.draw.anchor.WordTagger;
import org.junit.jupiter.api.Test;
import java.util.Set;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnchorRuleTest {

    @Test
    void digitsRuleMatchesSentencesContainingADigit() {
        TextAnchorRule rule = (TextAnchorRule) AnchorRules.create("digits", Set.of());
        assertThat(rule.isAnchor("He lived 930 years.")).isTrue();
        assertThat(rule.isAnchor("And he died.")).isFalse();
        assertThat(rule.isAnchor("threescore and ten")).isFalse();
    }

    @Test
    void posTypeRuleFindsNumeralsWithTheUdTagger() {
        TextAnchorRule rule = (TextAnchorRule) AnchorRules.create("pos-types", Set.of("NUM"));
        assertThat(rule.isAnchor("And all the days of Adam were nine hundred and thirty years.")).isTrue();
        assertThat(rule.isAnchor("The river flowed through the garden.")).isFalse();
    }

    @Test
    void posTypeRuleFindsPronounsAndAuxiliaries() {
        TextAnchorRule pron = (TextAnchorRule) AnchorRules.create("pos-types", Set.of("PRON"));
        assertThat(pron.isAnchor("She walked to the city.")).isTrue();
        assertThat(pron.isAnchor("The king walked to the city.")).isFalse();
        TextAnchorRule aux = (TextAnchorRule) AnchorRules.create("pos-types", Set.of("AUX"));
        assertThat(aux.isAnchor("The city was large.")).isTrue();
    }

    @Test
    void combinedContractionTagsMatchEachPart() {
        WordTagger fixed = sentence -> java.util.List.of("PRON+AUX", "VERB");
        assertThat(new PosTypeAnchorRule(Set.of("AUX"), fixed).isAnchor("I'm going")).isTrue();
        assertThat(new PosTypeAnchorRule(Set.of("NUM"), fixed).isAnchor("I'm going")).isFalse();
    }

    @Test
    void taggerIsSafeAcrossThreads() throws Exception {
        TextAnchorRule rule = (TextAnchorRule) AnchorRules.create("pos-types", Set.of("NUM"));
        Thread[] threads = new Thread[4];
        boolean[][] results = new boolean[4][200];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    results[id][i] = rule.isAnchor(i % 2 == 0 ? "He had twelve sons." : "He had sons.");
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (boolean[] r : results) {
            for (int i = 0; i < r.length; i++) {
                assertThat(r[i]).isEqualTo(i % 2 == 0);
            }
        }
    }

    @Test
    void unknownRuleOrTypeNamesTheValidOnes() {
        assertThatThrownBy(() -> AnchorRules.create("regex", Set.of())).hasMessageContaining("pos-types")
                .hasMessageContaining("digits");
        assertThatThrownBy(() -> AnchorRules.create("pos-types", Set.of("NUMBER"))).hasMessageContaining("NUMBER")
                .hasMessageContaining("NUM");
    }

    @Test
    void tokenIdRuleMarksSentencesContainingAnImpactfulVocabularyId() {
        AnchorRule rule = AnchorRules.create("token-ids", Set.of("17", "404"));
        assertThat(rule.isAnchor("any text", new int[] {3, 404, 9})).isTrue();
        assertThat(rule.isAnchor("any text", new int[] {3, 405, 9})).isFalse();
    }

    @Test
    void tokenIdRuleRefusesANonIdAnchorTypeNamingIt() {
        assertThatThrownBy(() -> AnchorRules.create("token-ids", Set.of("NUM")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'NUM' is not a token id");
    }
}
