package dev.longrecipe.draw.position;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/** Uniform random samples of distinct integers, returned in ascending order. */
public final class DistinctSorted {

    private DistinctSorted() {
    }

    /**
     * {@code k} distinct values drawn uniformly from [{@code from}, {@code from + rangeSize}), ascending.
     * Robert Floyd's algorithm: k draws whatever the range, every k-subset equally likely; a bit set keeps
     * membership and yields the values already sorted.
     */
    public static int[] sample(RandomGenerator rng, int k, int from, int rangeSize) {
        if (k < 0 || k > rangeSize) {
            throw new IllegalArgumentException("cannot draw " + k + " distinct values from a range of " + rangeSize);
        }
        BitSet chosen = new BitSet(rangeSize);
        for (int j = rangeSize - k; j < rangeSize; j++) {
            int t = rng.nextInt(j + 1);
            chosen.set(chosen.get(t) ? j : t);
        }
        int[] out = new int[k];
        int i = 0;
        for (int v = chosen.nextSetBit(0); v >= 0; v = chosen.nextSetBit(v + 1)) {
            out[i++] = from + v;
        }
        return out;
    }
}
