package dev.longrecipe.draw.position;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.longrecipe.draw.position.PositionInvariants.assertConsecutiveWithinSegments;
import static dev.longrecipe.draw.position.PositionInvariants.assertStrictlyIncreasingWithinWindow;
import static dev.longrecipe.draw.position.PositionInvariants.gapsBeforeSegments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PositionIndexTransformTest {

    static int[] randomLengths(SplittableRandom rng, int maxSegments, int maxLength) {
        int n = 1 + rng.nextInt(maxSegments);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = 1 + rng.nextInt(maxLength);
        }
        return lengths;
    }

    @Test
    void algorithm1KeepsEveryTokenStartsAtZeroAndNeverLeavesTheWindow() {
        SplittableRandom rng = new SplittableRandom(11);
        Algorithm1Transform transform = new Algorithm1Transform();
        for (int doc = 0; doc < 400; doc++) {
            int[] lengths = randomLengths(rng, 300, 120);
            int total = Arrays.stream(lengths).sum();
            int window = total + rng.nextInt(4 * total + 1);
            int[] positions = transform.positions(lengths, window, rng);

            assertThat(positions).hasSize(total);
            assertThat(positions[0]).isZero();
            assertStrictlyIncreasingWithinWindow(positions, window);
            assertConsecutiveWithinSegments(positions, lengths);
            int[] gaps = gapsBeforeSegments(positions, lengths);
            int room = window - 1 - positions[total - 1];
            // the gap budget G = L′ − Σ|si| is exactly shared out between the gaps and the room after sN
            assertThat(Arrays.stream(gaps).sum() + room).isEqualTo(window - total);
            assertThat(Arrays.stream(gaps).boxed().toList()).allMatch(g -> g >= 0);
        }
    }

    @Test
    void algorithm1SplitsTheGapBudgetUniformlyOverItsNParts() {
        // N = 10 segments of 10 tokens in L′ = 1000: G = 900 shared by 10 parts, each part has mean 90
        int[] lengths = new int[10];
        Arrays.fill(lengths, 10);
        SplittableRandom rng = new SplittableRandom(5);
        double[] partSums = new double[10];
        int draws = 4000;
        int reachedEnd = 0;
        for (int d = 0; d < draws; d++) {
            int[] positions = new Algorithm1Transform().positions(lengths, 1000, rng);
            int[] gaps = gapsBeforeSegments(positions, lengths);
            for (int i = 0; i < 9; i++) {
                partSums[i] += gaps[i];
            }
            partSums[9] += 999 - positions[positions.length - 1];
            if (positions[positions.length - 1] == 999) {
                reachedEnd++;
            }
        }
        for (double sum : partSums) {
            assertThat(sum / draws).isCloseTo(90.0, within(6.0));
        }
        assertThat(reachedEnd).as("the last slot is used sometimes").isPositive();
    }

    @Test
    void algorithm1WithNoBudgetIsContiguousAndRejectsOverfullSamples() {
        int[] lengths = {3, 4, 5};
        int[] positions = new Algorithm1Transform().positions(lengths, 12, new SplittableRandom(1));
        assertThat(positions).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThatThrownBy(() -> new Algorithm1Transform().positions(lengths, 11, new SplittableRandom(1)))
                .hasMessageContaining("12 tokens").hasMessageContaining("11");
    }

    @Test
    void maxSkipGapsNeverExceedMAndPlacementStopsAtTheWindow() {
        SplittableRandom rng = new SplittableRandom(13);
        int stoppedEarly = 0;
        for (int doc = 0; doc < 400; doc++) {
            int[] lengths = randomLengths(rng, 200, 80);
            int total = Arrays.stream(lengths).sum();
            int m = rng.nextInt(200);
            int window = total + rng.nextInt(lengths.length * (m + 1) + 1);
            int[] positions = new MaxSkipTransform(m).positions(lengths, window, rng);

            assertThat(positions[0]).isZero();
            assertStrictlyIncreasingWithinWindow(positions, window);
            assertConsecutiveWithinSegments(positions, lengths);
            assertThat(Arrays.stream(gapsBeforeSegments(positions, lengths)).boxed().toList()).allMatch(g -> g >= 0 && g <= m);
            // only whole segments are placed: the count is a prefix sum of the lengths
            int prefix = 0;
            int placed = 0;
            while (placed < lengths.length && prefix < positions.length) {
                prefix += lengths[placed++];
            }
            assertThat(prefix).isEqualTo(positions.length);
            if (positions.length < total) {
                stoppedEarly++;
                // the next segment could not have fit even with a zero gap... or its drawn gap pushed it out
                assertThat(positions[positions.length - 1] + 1 + lengths[placed]).isGreaterThan(window - m);
            }
        }
        assertThat(stoppedEarly).as("some windows were too small").isPositive();
    }

    @Test
    void maxSkipZeroGivesContiguousPositions() {
        int[] positions = new MaxSkipTransform(0).positions(new int[] {2, 3, 1}, 100, new SplittableRandom(2));
        assertThat(positions).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void releasedPrefixKeepsTheFirstTokensContiguousFromZero() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int doc = 0; doc < 300; doc++) {
            int[] lengths = randomLengths(rng, 100, 50);
            int total = Arrays.stream(lengths).sum();
            int window = total * 3;
            long seed = rng.nextLong();
            int[] positions = new ReleasedCodePrefixTransform(new Algorithm1Transform())
                    .positions(lengths, window, new SplittableRandom(seed));
            int prefix = 1 + new SplittableRandom(seed).nextInt(Math.max(1, total / 2));
            assertThat(positions).hasSize(total);
            for (int i = 0; i < prefix; i++) {
                assertThat(positions[i]).isEqualTo(i);
            }
            assertStrictlyIncreasingWithinWindow(positions, window);
            assertConsecutiveWithinSegments(positions, ReleasedCodePrefixTransform.withPrefix(lengths, prefix));
        }
    }

    @Test
    void withPrefixSplitsTheStraddlingSentence() {
        assertThat(ReleasedCodePrefixTransform.withPrefix(new int[] {3, 4, 5}, 5)).containsExactly(5, 2, 5);
        assertThat(ReleasedCodePrefixTransform.withPrefix(new int[] {3, 4, 5}, 3)).containsExactly(3, 4, 5);
        assertThat(ReleasedCodePrefixTransform.withPrefix(new int[] {3, 4, 5}, 12)).containsExactly(12);
    }

    @Test
    void registryNamesTheValidTransforms() {
        assertThat(PositionTransforms.create("max-skip", 5, false)).isInstanceOf(MaxSkipTransform.class);
        assertThat(PositionTransforms.create("algorithm1", 0, true).name()).isEqualTo("algorithm1+released-prefix");
        assertThatThrownBy(() -> PositionTransforms.create("linear", 0, false))
                .hasMessageContaining("algorithm1").hasMessageContaining("max-skip");
    }

    @Test
    void distinctSortedDrawsEverySubsetAndStaysInRange() {
        SplittableRandom rng = new SplittableRandom(19);
        int[] hits = new int[10];
        for (int trial = 0; trial < 20000; trial++) {
            int[] s = DistinctSorted.sample(rng, 3, 5, 10);
            assertThat(s).hasSize(3);
            assertThat(s[0]).isLessThan(s[1]);
            assertThat(s[1]).isLessThan(s[2]);
            for (int v : s) {
                assertThat(v).isBetween(5, 14);
                hits[v - 5]++;
            }
        }
        for (int h : hits) {
            assertThat(h / 20000.0).isCloseTo(0.3, within(0.02));
        }
    }
}
