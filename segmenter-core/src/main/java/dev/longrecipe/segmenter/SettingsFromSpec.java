package dev.longrecipe.segmenter;

import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.SegmenterParams;
import dev.longrecipe.segmenter.anchor.DigitsAnchorRule;
import dev.longrecipe.segmenter.anchor.PosTypeAnchorRule;
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
     * @param anchorRule   the analysis report's rule: "digits" (released code) or how it chose {@code anchorTypes}
     * @param anchorTypes  Universal POS types the analysis chose; empty → the digits rule (nothing stood out)
     */
    public static SegmenterSettings from(RunSpec spec, int contextLength, String anchorRule, List<String> anchorTypes) {
        SegmenterParams p = spec.segmenter();
        boolean digits = DigitsAnchorRule.NAME.equals(anchorRule) || anchorTypes == null || anchorTypes.isEmpty();
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
                .anchorRule(digits ? DigitsAnchorRule.NAME : PosTypeAnchorRule.NAME)
                .anchorTypes(digits ? Set.of() : Set.copyOf(anchorTypes))
                .samplesPerDocument(p.samplesPerDocument())
                .samplesPerShard(p.shardSamples())
                .build();
    }
}
