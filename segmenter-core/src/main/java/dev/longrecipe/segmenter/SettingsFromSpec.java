package dev.longrecipe.segmenter;

import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.SegmenterParams;
import dev.longrecipe.segmenter.anchor.DigitsAnchorRule;
import dev.longrecipe.segmenter.anchor.PosTypeAnchorRule;
import dev.longrecipe.segmenter.anchor.TokenIdAnchorRule;
import java.util.List;
import java.util.Set;

/**
 * The run spec's segmenter section plus what the analysis chose, as {@link SegmenterSettings}: the one place the
 * service and the CLI turn a run into segmenter parameters.
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
     */
    public static SegmenterSettings from(RunSpec spec, int contextLength, String anchorRule, List<String> anchorTypes) {
        SegmenterParams p = spec.segmenter();
        boolean digits = DigitsAnchorRule.NAME.equals(anchorRule) || anchorTypes == null || anchorTypes.isEmpty();
        String rule = digits ? DigitsAnchorRule.NAME
                : TokenIdAnchorRule.NAME.equals(anchorRule) ? TokenIdAnchorRule.NAME : PosTypeAnchorRule.NAME;
        return SegmenterSettings.builder()
                .method(spec.method())
                .baseWindow(contextLength)
                .targetLength(spec.targetLengthFor(contextLength))
                .ratio(p.ratio())
                .seed(spec.seed())
                .transform(p.transform())
                .maxSkip(p.maxSkip())
                .releasedCode(p.releasedCode())
                .selectRatio(p.selectRatio())
                .anchorRule(rule)
                .anchorTypes(digits ? Set.of() : Set.copyOf(anchorTypes))
                .samplesPerDocument(p.samplesPerDocument())
                .samplesPerShard(p.shardSamples())
                .build();
    }
}
