package dev.longrecipe.draw.position;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The released LongRecipe code's prefix detail (docs/ALGORITHMS.md §3, an option): the first
 * rt1 ~ U[1, n/2] tokens of the sample (n = its length) keep positions 0 … rt1−1, then the rest jump to
 * sentence-gapped positions. Implemented by merging the first rt1 tokens into one leading segment
 * (splitting the sentence that straddles rt1) and handing the new segments to the wrapped transform.
 */
public final class ReleasedCodePrefixTransform implements PositionIndexTransform {

    private final PositionIndexTransform gapped;

    public ReleasedCodePrefixTransform(PositionIndexTransform gapped) {
        this.gapped = gapped;
    }

    @Override
    public String name() {
        return gapped.name() + "+released-prefix";
    }

    @Override
    public int[] positions(int[] segmentLengths, int window, RandomGenerator rng) {
        int total = 0;
        for (int len : segmentLengths) {
            total += len;
        }
        if (total == 0) {
            return new int[0];
        }
        int prefix = 1 + rng.nextInt(Math.max(1, total / 2)); // rt1 ~ U[1, n/2]
        return gapped.positions(withPrefix(segmentLengths, prefix), window, rng);
    }

    /** Segments after merging the first {@code prefix} tokens into one. */
    static int[] withPrefix(int[] segmentLengths, int prefix) {
        List<Integer> merged = new ArrayList<>();
        merged.add(prefix);
        int consumed = 0;
        for (int len : segmentLengths) {
            int end = consumed + len;
            if (end > prefix) {
                merged.add(end - Math.max(consumed, prefix));
            }
            consumed = end;
        }
        return merged.stream().mapToInt(Integer::intValue).toArray();
    }
}
