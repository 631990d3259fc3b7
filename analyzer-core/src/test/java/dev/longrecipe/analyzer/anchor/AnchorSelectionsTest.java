package dev.longrecipe.analyzer.anchor;

import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.delta.TypeStatistics;
import dev.longrecipe.analyzer.types.TokenTypeSystems;
import dev.longrecipe.schema.spec.AnalyzerParams;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnchorSelectionsTest {

    // 100 tokens, 20 impactful. NUM: 10 % of tokens, 40 % of impactful; PRON 15 % / 15 %; DET 50 % / 30 %;
    // SPACE 25 % / 15 % but with the largest Δ(τ)
    static final AnalysisTables TABLES = new AnalysisTables(4, List.of(26, 26, 26, 26), 100, 20, 100, 9.0, List.of(
            new TypeStatistics("SPACE", 25, 3, 0.25, 0.15, 0.6, 90, 10),
            new TypeStatistics("DET", 50, 6, 0.50, 0.30, 0.6, 60, -5),
            new TypeStatistics("NUM", 10, 8, 0.10, 0.40, 4.0, 50, 40),
            new TypeStatistics("PRON", 15, 3, 0.15, 0.15, 1.0, 20, 1)), List.of());

    @Test
    void aboveBaseRateChoosesTypesWhoseImpactfulShareReachesMinLiftTimesTheirBaseRate() {
        AnchorChoice choice = AnchorSelections.create("above-base-rate", 1.2, 3).choose(TABLES, t -> true);
        assertThat(choice.types()).containsExactly("NUM");
        assertThat(choice.selection()).isEqualTo("above-base-rate");
        assertThat(choice.statement()).contains("NUM");
    }

    @Test
    void aboveBaseRateReportsThatNoTypeStandsOutWhenNoneReachesMinLift() {
        AnchorChoice choice = AnchorSelections.create("above-base-rate", 5.0, 3).choose(TABLES, t -> true);
        assertThat(choice.types()).isEmpty();
        assertThat(choice.statement()).startsWith("No anchor types stand out");
    }

    @Test
    void aRareTypeWhoseLiftAHandfulOfTokensMakeIsNotChosen() {
        // 1000 tokens, 250 impactful (q = 0.25). NUM 60 tokens, 45 impactful: 45 vs 15 expected, 8.9 σ.
        // INTJ 12 tokens, 5 impactful: lift 1.67 but 5 vs 3 expected is 1.3 σ — chance explains it.
        AnalysisTables tables = new AnalysisTables(4, List.of(250, 250, 250, 250), 1000, 250, 1000, 9.0, List.of(
                new TypeStatistics("NOUN", 928, 200, 0.928, 0.80, 0.86, 500, 1),
                new TypeStatistics("NUM", 60, 45, 0.06, 0.18, 3.0, 300, 40),
                new TypeStatistics("INTJ", 12, 5, 0.012, 0.02, 1.67, 10, 1)), List.of());
        assertThat(AboveBaseRateSelection.z(tables.types().get(1), tables)).isCloseTo(8.94, within(0.01));
        assertThat(AboveBaseRateSelection.z(tables.types().get(2), tables)).isCloseTo(1.33, within(0.01));
        AnchorChoice choice = AnchorSelections.create("above-base-rate", 1.2, 3).choose(tables, t -> true);
        assertThat(choice.types()).containsExactly("NUM");
        assertThat(choice.statement()).contains("NUM 18.0 % of impactful vs 6.0 % of all tokens (3.00×, 9 σ)");

        AnchorChoice none = AnchorSelections.create("above-base-rate", 1.2, 3).choose(tables, t -> t.equals("INTJ"));
        assertThat(none.types()).isEmpty();
        assertThat(none.statement()).startsWith("No anchor types stand out").contains("INTJ 1.67×")
                .contains("5 of 12 impactful");
    }

    @Test
    void topKTakesTheLargestDeltaSumsAmongEligibleTypes() {
        AnchorChoice choice = AnchorSelections.create("top-k", 1.2, 2).choose(TABLES, t -> !t.equals("SPACE"));
        assertThat(choice.types()).containsExactly("DET", "NUM");
    }

    @Test
    void noImpactfulTokensMeansNoAnchorsUnderEitherRule() {
        AnalysisTables zero = new AnalysisTables(1, List.of(3), 2, 0, 0, 0, List.of(
                new TypeStatistics("NUM", 2, 0, 1.0, 0, 0, 0, 0)), List.of());
        for (String rule : AnchorSelections.NAMES) {
            AnchorChoice choice = AnchorSelections.create(rule, 1.2, 3).choose(zero, t -> true);
            assertThat(choice.types()).as(rule).isEmpty();
            assertThat(choice.statement()).as(rule).contains("No anchor types stand out").contains("every Δ is zero");
        }
    }

    @Test
    void anUnknownRuleNamesTheValidOnes() {
        assertThatThrownBy(() -> AnchorSelections.create("best", 1.2, 3))
                .hasMessageContaining("above-base-rate").hasMessageContaining("top-k");
    }

    @Test
    void theRegistriesAreKeyedByTheSpecsNames() {
        assertThat(AnchorSelections.NAMES).isEqualTo(AnalyzerParams.ANCHOR_SELECTIONS);
        assertThat(TokenTypeSystems.NAMES).isEqualTo(AnalyzerParams.TYPE_SYSTEMS);
    }
}
