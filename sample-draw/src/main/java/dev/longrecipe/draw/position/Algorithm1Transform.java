package dev.longrecipe.draw.position;

import java.util.random.RandomGenerator;

/**
 * Algorithm 1 of the paper (appendix C), as docs/ALGORITHMS.md §3 reads it.
 *
 * <p>Picture a list of slots; s1 sits in slot 0 and s2…sN in N−1 distinct slots chosen at random, in
 * order; each occupied slot expands to |si| consecutive positions, each empty slot is one skipped
 * position. With G = L′ − Σ|si| empty slots (the gap budget) the list has G + N slots, so the flattened
 * list is exactly L′ positions long: the budget is always used up, split uniformly at random into the N
 * non-negative parts "gap before s2", …, "gap before sN", "room after sN" (the part before s1 is 0).
 * Choosing the N−1 slots uniformly among the G + N − 1 slots after slot 0 makes every such split equally
 * likely (stars and bars).
 */
public final class Algorithm1Transform implements PositionIndexTransform {

    public static final String NAME = "algorithm1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int[] positions(int[] segmentLengths, int window, RandomGenerator rng) {
        int n = segmentLengths.length;
        long total = 0;
        for (int len : segmentLengths) {
            if (len < 1) {
                throw new IllegalArgumentException("segment lengths must be ≥ 1, found " + len);
            }
            total += len;
        }
        if (total > window) {
            throw new IllegalArgumentException("segments hold " + total + " tokens but the target window L′ is only "
                    + window + "; the sample length Ls must not exceed L′");
        }
        int[] out = new int[(int) total];
        if (n == 0) {
            return out;
        }
        int gapBudget = (int) (window - total);
        // slots 1 … G+N−1 hold s2 … sN
        int[] slots = DistinctSorted.sample(rng, n - 1, 1, gapBudget + n - 1);
        int t = 0;
        int expandedBefore = 0; // Σ_{j<i} (|sj| − 1): how far earlier segments pushed the slot grid
        for (int i = 0; i < n; i++) {
            int slot = i == 0 ? 0 : slots[i - 1];
            int start = slot + expandedBefore;
            for (int k = 0; k < segmentLengths[i]; k++) {
                out[t++] = start + k;
            }
            expandedBefore += segmentLengths[i] - 1;
        }
        return out;
    }
}
