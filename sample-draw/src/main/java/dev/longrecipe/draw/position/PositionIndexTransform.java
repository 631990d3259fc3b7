package dev.longrecipe.draw.position;

import java.util.random.RandomGenerator;

/**
 * Position index transformation (docs/ALGORITHMS.md §3, paper §4.2 and appendix C): gives the tokens of the
 * selected segments s1…sN position ids that spread over the target window L′ while staying consecutive
 * inside each segment. The first token of s1 is always at position 0.
 *
 * <p>Implementations: {@link Algorithm1Transform} (gap budget split at random), {@link MaxSkipTransform}
 * (gaps uniform in 0…M), and {@link ReleasedCodePrefixTransform} (a contiguous prefix before either).
 * {@link PositionTransforms} is the registry by name.
 */
public interface PositionIndexTransform {

    /** The name used in settings ("algorithm1", "max-skip"). */
    String name();

    /**
     * Position ids for the tokens of the segments laid end to end.
     *
     * @param segmentLengths |s1| … |sN|, each ≥ 1
     * @param window         L′: every returned position is in [0, window)
     * @param rng            the per-sample random source (positions are re-drawn for every sample)
     * @return positions of the first k tokens, strictly increasing, consecutive within a segment; k is the
     *         total length unless the transform stops early because the window is full (max-skip only)
     */
    int[] positions(int[] segmentLengths, int window, RandomGenerator rng);
}
