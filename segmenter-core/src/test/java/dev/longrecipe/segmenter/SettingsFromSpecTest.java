package dev.longrecipe.segmenter;

import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.draw.position.PositionTransforms;
import dev.longrecipe.draw.sample.SampleBuilders;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.schema.spec.SegmenterParams;
import dev.longrecipe.schema.spec.SpecKnobs;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec's knobs and the analysis' anchors as segmenter settings, the digits fallback with its reason, and the
 * segmenter's registries keyed by the spec's names.
 */
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

    /** Every segmenter knob, and the run's method and seed, reach the settings under their own name. */
    @Test
    void everySegmenterKnobReachesTheSettingsUnrenamed() {
        List<SpecKnobs.Knob> knobs = new ArrayList<>(SpecKnobs.under("segmenter"));
        SpecKnobs.all().stream().filter(k -> k.path().equals("method") || k.path().equals("seed")).forEach(knobs::add);
        assertThat(knobs).hasSizeGreaterThanOrEqualTo(SegmenterParams.class.getRecordComponents().length + 2);
        for (SpecKnobs.Knob knob : knobs) {
            String value = SpecKnobs.nonDefault(knob, knob.valueIn(SPEC));
            RunSpec spec = RunSpecs.withOverrides(SPEC, Map.of(knob.path(), value));
            SegmenterSettings settings = SettingsFromSpec.from(spec, 256, "pos-types", List.of("NUM"),
                    OptionalInt.of(1));
            assertThat(component(settings, knob.name())).as(knob.path() + " set to " + value)
                    .isEqualTo(knob.valueIn(spec)).isNotEqualTo(knob.valueIn(SPEC));
        }
    }

    @Test
    void theRegistriesAreKeyedByTheSpecsNames() {
        assertThat(SampleBuilders.NAMES).isEqualTo(RunSpec.METHODS);
        assertThat(PositionTransforms.NAMES).isEqualTo(SegmenterParams.TRANSFORMS);
    }

    private static Object component(SegmenterSettings settings, String name) {
        try {
            return SegmenterSettings.class.getMethod(name).invoke(settings);
        } catch (NoSuchMethodException e) {
            throw new AssertionError("SegmenterSettings has no component " + name + ": the spec's knob does not"
                    + " reach the segmenter under its own name", e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
