package dev.longrecipe.segmenter;

import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.draw.anchor.DigitsAnchorRule;
import dev.longrecipe.draw.anchor.PosTypeAnchorRule;
import dev.longrecipe.draw.anchor.TokenIdAnchorRule;
import dev.longrecipe.schema.spec.RunSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The run spec plus what the analysis chose, as {@link SegmenterSettings}: the one place the service and the CLI turn
 * a run into segmenter settings. The segmenter section's knobs pass unrenamed
 * ({@link SegmenterSettings.Builder#knobs}); this adds what the run resolved: L, L′, the seed, the anchor rule and the
 * model's BOS.
 */
public final class SettingsFromSpec {
    private SettingsFromSpec() {
    }

    /**
     * @param spec         the effective run spec
     * @param contextLength L, resolved from the spec or the base model's config
     * @param anchorRule   the analysis report's rule: "digits" (released code), "token-ids" (vocab type system),
     *                     "none" (no type stood out) or how it chose POS {@code anchorTypes}
     * @param anchorTypes  the types the analysis chose; empty (nothing stood out) → the released code's digits rule,
     *                     so a run without distinctive types still selects sentences by a stated rule
     * @param bos          the base model's BOS token ({@code dev.longrecipe.hf.BosToken.of(modelDir)}); empty when its
     *                     inputs start without one
     */
    public static SegmenterSettings from(RunSpec spec, int contextLength, String anchorRule, List<String> anchorTypes,
                                         OptionalInt bos) {
        boolean digits = selectsByDigits(anchorRule, anchorTypes);
        String rule = digits ? DigitsAnchorRule.NAME
                : TokenIdAnchorRule.NAME.equals(anchorRule) ? TokenIdAnchorRule.NAME : PosTypeAnchorRule.NAME;
        return SegmenterSettings.builder()
                .method(spec.method())
                .baseWindow(contextLength)
                .targetLength(spec.targetLengthFor(contextLength))
                .knobs(spec.segmenter())
                .seed(spec.seed())
                .anchorRule(rule)
                .anchorTypes(digits ? Set.of() : Set.copyOf(anchorTypes))
                .bos(bos)
                .build();
    }

    /** True when the segmenter applies the released code's digits rule: the report says so, or chose no types. */
    private static boolean selectsByDigits(String anchorRule, List<String> anchorTypes) {
        return DigitsAnchorRule.NAME.equals(anchorRule) || anchorTypes == null || anchorTypes.isEmpty();
    }

    /**
     * Why anchor sentences are selected by the released code's digits rule rather than by analysed types, for the
     * segmenter's progress message and manifest; empty when {@link #from} uses the analysis' {@code anchorTypes}.
     *
     * @param anchorRule  the analysis report's rule (as for {@link #from})
     * @param anchorTypes the analysis report's types (as for {@link #from})
     * @param reason      the analysis' own words: {@code analysis.completed}'s {@code fallbackReason}, or
     *                    report.json's {@code fallbackReason}; {@code null} when it gave none
     */
    public static Optional<String> anchorFallback(String anchorRule, List<String> anchorTypes, String reason) {
        if (!selectsByDigits(anchorRule, anchorTypes)) {
            return Optional.empty();
        }
        String why = reason == null || reason.isBlank() ? "the analysis gave no reason" : reason.strip();
        if (DigitsAnchorRule.NAME.equals(anchorRule)) {
            return Optional.of("anchor rule digits (the released code's rule: a sentence with a digit is an anchor"
                    + " sentence): " + why);
        }
        return Optional.of("no anchor types from the analysis (anchorRule " + anchorRule + "), so the segmenter falls"
                + " back to the released code's digits rule (a sentence with a digit is an anchor sentence): " + why);
    }
}
