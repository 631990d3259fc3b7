package dev.longrecipe.schema.spec;

/**
 * Sentence selection and position index transformation (docs/ALGORITHMS.md §2–4).
 *
 * @param ratio        Ls = ratio·L′ tokens per sample; the paper's 0.3 (30 % of the target window)
 * @param transform    algorithm1 (appendix C: the gap budget L′ − Σ|si| split at random) | max-skip (§4.2: gaps
 *                     uniform in 0…maxSkip)
 * @param maxSkip      M for max-skip; 0 gives contiguous positions
 * @param releasedCode reproduce the authors' released code: truncate to Ls first, keep non-anchor sentences with
 *                     probability 1 − selectRatio, no fill, first rt1 tokens contiguous
 * @param selectRatio  released-code drop probability of non-anchor sentences (0.8 keeps about 30 %)
 * @param samplesPerDocument upper bound on samples one document contributes (anchor-rich documents give more);
 *                     0 = as many as the document yields
 * @param shardSamples samples per shard file
 */
public record SegmenterParams(double ratio, String transform, int maxSkip, boolean releasedCode, double selectRatio,
        int samplesPerDocument, int shardSamples) {
    public static SegmenterParams defaults() {
        return new SegmenterParams(0.3, "algorithm1", 64, false, 0.8, 4, 256);
    }
}
