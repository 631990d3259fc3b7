package dev.longrecipe.segmenter.stats;

import dev.longrecipe.draw.position.DistinctSorted;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PositionStatisticsTest {

    @Test
    void meanPairDistanceMatchesBruteForce() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rng.nextInt(150);
            int[] p = DistinctSorted.sample(rng, n, 0, n + rng.nextInt(1000));
            double brute = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    brute += Math.abs(p[j] - p[i]);
                }
            }
            brute /= (double) n * (n - 1) / 2;
            assertThat(PositionStatistics.meanPairDistance(p)).isCloseTo(brute, within(1e-9 * Math.max(1, brute)));
        }
    }

    @Test
    void contiguousPositionsHaveOneSegmentAndDistanceNPlusOneOverThree() {
        int n = 1000;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        assertThat(PositionStatistics.continuousSegments(p)).isEqualTo(1);
        assertThat(PositionStatistics.meanContinuousSegmentLength(p)).isEqualTo(n);
        assertThat(PositionStatistics.meanPairDistance(p)).isCloseTo((n + 1) / 3.0, within(1e-9));
    }

    @Test
    void segmentsAreMaximalRunsOfConsecutivePositions() {
        int[] p = {0, 1, 2, 5, 6, 9, 11, 12, 13, 14};
        assertThat(PositionStatistics.continuousSegments(p)).isEqualTo(4);
        assertThat(PositionStatistics.meanContinuousSegmentLength(p)).isEqualTo(2.5);
        assertThat(PositionStatistics.continuousSegments(new int[0])).isZero();
        assertThat(PositionStatistics.meanPairDistance(new int[] {4})).isZero();
    }
}
