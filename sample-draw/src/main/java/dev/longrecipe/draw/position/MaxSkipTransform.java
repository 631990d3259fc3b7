package dev.longrecipe.draw.position;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The paper's §4.2 variant: pos(s1) = 0, pos(si) = pos(si−1) + |si−1| + g(si) with g(si) uniform in
 * {0 … M}; M = 0 gives contiguous positions. Following docs/ALGORITHMS.md, there is no extra "+1" (the
 * extracted Eq. 6 shows one, which would make M = 0 skip a position and contradict the text).
 * Placement stops before the segment whose last token would reach L′; its tokens and those after it
 * are not in the returned array.
 */
public final class MaxSkipTransform implements PositionIndexTransform {

    public static final String NAME = "max-skip";

    private final int maxSkip;

    public MaxSkipTransform(int maxSkip) {
        if (maxSkip < 0) {
            throw new IllegalArgumentException("maxSkip M must be ≥ 0, found " + maxSkip);
        }
        this.maxSkip = maxSkip;
    }

    public int maxSkip() {
        return maxSkip;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int[] positions(int[] segmentLengths, int window, RandomGenerator rng) {
        long total = 0;
        for (int len : segmentLengths) {
            total += len;
        }
        int[] out = new int[(int) total];
        int t = 0;
        long next = 0; // position of the next segment's first token before its gap
        for (int i = 0; i < segmentLengths.length; i++) {
            long start = i == 0 ? 0 : next + rng.nextInt(maxSkip + 1);
            int len = segmentLengths[i];
            if (start + len > window) {
                return Arrays.copyOf(out, t);
            }
            for (int k = 0; k < len; k++) {
                out[t++] = (int) (start + k);
            }
            next = start + len;
        }
        return out;
    }
}
