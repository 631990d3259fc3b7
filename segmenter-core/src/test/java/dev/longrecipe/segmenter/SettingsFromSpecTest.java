package dev.longrecipe.segmenter;

import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The analysis' anchors as segmenter settings, and the digits fallback with its reason. */
class SettingsFromSpecTest {

    static final RunSpec SPEC = RunSpecs.parse("baseModel: h\ncorpus: c.jsonl\nreplayCorpus: r.jsonl\n"
            + "targetLength: 1024\n");
    static final String REASON = "No anchor types stand out: H and H′ give identical gold-token logits at all 510"
            + " analysed positions (every Δ is zero), so no token is impactful.";

    @Test
    void chosenTypesAreTheRuleAndNeedNoFallback() {
        SegmenterSettings s = SettingsFromSpec.from(SPEC, 256, "pos-types", List.of("NUM"), OptionalInt.of(1));
        assertThat(s.anchorRule()).isEqualTo("pos-types");
        assertThat(s.anchorTypes()).containsExactly("NUM");
        assertThat(SettingsFromSpec.anchorFallback("pos-types", List.of("NUM"), null)).isEmpty();
    }

    @Test
    void noTypeStandingOutFallsBackToDigitsWithTheAnalysisReason() {
        SegmenterSettings s = SettingsFromSpec.from(SPEC, 256, "none", List.of(), OptionalInt.empty());
        assertThat(s.anchorRule()).isEqualTo("digits");
        assertThat(s.anchorTypes()).isEmpty();
        assertThat(SettingsFromSpec.anchorFallback("none", List.of(), REASON)).hasValueSatisfying(note ->
                assertThat(note).contains("falls back to the released code's digits rule").endsWith(REASON));
        assertThat(SettingsFromSpec.anchorFallback("none", List.of(), null)).hasValueSatisfying(note ->
                assertThat(note).contains("the analysis gave no reason"));
    }

    @Test
    void theDigitsRuleOfARunWithoutHPrimeIsStatedAsSuch() {
        assertThat(SettingsFromSpec.anchorFallback("digits", List.of(), "No reference model H′ was given"))
                .hasValueSatisfying(note -> assertThat(note).startsWith("anchor rule digits")
                        .endsWith("No reference model H′ was given"));
    }
}
