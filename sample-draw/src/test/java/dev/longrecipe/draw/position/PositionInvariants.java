package dev.longrecipe.draw.position;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks shared by the transform and sample-builder property tests. */
public final class PositionInvariants {

    private PositionInvariants() {
    }

    public static void assertStrictlyIncreasingWithinWindow(int[] positions, int window) {
        if (positions.length == 0) {
            return;
        }
        assertThat(positions[0]).as("first position").isGreaterThanOrEqualTo(0);
        for (int i = 1; i < positions.length; i++) {
            assertThat(positions[i]).as("position %d after %d", i, positions[i - 1]).isGreaterThan(positions[i - 1]);
        }
        assertThat(positions[positions.length - 1]).as("max position").isLessThan(window);
    }

    /** Consecutive positions inside each segment of the given lengths (for the first positions.length tokens). */
    public static void assertConsecutiveWithinSegments(int[] positions, int[] segmentLengths) {
        int t = 0;
        for (int len : segmentLengths) {
            for (int k = 1; k < len && t + k < positions.length; k++) {
                assertThat(positions[t + k]).as("token %d inside a segment", t + k).isEqualTo(positions[t + k - 1] + 1);
            }
            t += len;
        }
    }

    /** Gap before each placed segment i ≥ 2: start(i) − end(i−1) − 1 … as the number of skipped positions. */
    public static int[] gapsBeforeSegments(int[] positions, int[] segmentLengths) {
        int placed = 0;
        int t = 0;
        while (placed < segmentLengths.length && t + segmentLengths[placed] <= positions.length) {
            t += segmentLengths[placed];
            placed++;
        }
        int[] gaps = new int[Math.max(0, placed - 1)];
        t = segmentLengths.length > 0 ? segmentLengths[0] : 0;
        for (int i = 1; i < placed; i++) {
            gaps[i - 1] = positions[t] - positions[t - 1] - 1;
            t += segmentLengths[i];
        }
        return gaps;
    }
}
