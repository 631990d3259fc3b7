package dev.longrecipe.schema.spec;

import java.util.List;

/**
 * Sentence selection and position index transformation (docs/ALGORITHMS.md §2–4). The segmenter-core's
 * {@code SegmenterSettings} carries each of these knobs under the same name. A knob left out (null) takes the default
 * written in the compact constructor.
 *
 * @param ratio        Ls = ratio·L′ tokens per sample; the paper's 0.3 (30 % of the target window)
 * @param transform    one of {@link #TRANSFORMS}: algorithm1 (appendix C: the gap budget L′ − Σ|si| split at random)
 *                     | max-skip (§4.2: gaps uniform in 0…maxSkip)
 * @param maxSkip      M for max-skip; 0 gives contiguous positions
 * @param releasedCode reproduce the authors' released code: truncate to Ls first, keep non-anchor sentences with
 *                     probability 1 − selectRatio, no fill, first rt1 tokens contiguous
 * @param selectRatio  released-code drop probability of non-anchor sentences (0.8 keeps about 30 %)
 * @param samplesPerDocument upper bound on samples one document contributes (anchor-rich documents give more);
 *                     0 = as many as the document yields
 * @param shardSamples samples per shard file
 */
public record SegmenterParams(Double ratio, String transform, Integer maxSkip, Boolean releasedCode,
        Double selectRatio, Integer samplesPerDocument, Integer shardSamples) {
    /** Position index transforms; segmenter-core's {@code PositionTransforms} registers one class per name. */
    public static final List<String> TRANSFORMS = List.of("algorithm1", "max-skip");

    public SegmenterParams {
        ratio = ratio != null ? ratio : 0.3;
        transform = transform != null ? transform : "algorithm1";
        maxSkip = maxSkip != null ? maxSkip : 64;
        releasedCode = releasedCode != null ? releasedCode : false;
        selectRatio = selectRatio != null ? selectRatio : 0.8;
        samplesPerDocument = samplesPerDocument != null ? samplesPerDocument : 4;
        shardSamples = shardSamples != null ? shardSamples : 256;
    }

    /** Every knob at its default. */
    public static SegmenterParams defaults() {
        return SpecSections.empty(SegmenterParams.class);
    }
}
