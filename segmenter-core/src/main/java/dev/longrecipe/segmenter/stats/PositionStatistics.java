package dev.longrecipe.segmenter.stats;

/**
 * The paper's Figure 3 measures of one sample's position ids, exact and O(n).
 */
public final class PositionStatistics {

    private PositionStatistics() {
    }

    /**
     * Mean |pos_i − pos_j| over all unordered token pairs i ≠ j. For ascending positions
     * Σ_{i<j} (p_j − p_i) = Σ_j p_j · (2j − (n − 1)), so one pass suffices. 0 for fewer than two tokens.
     */
    public static double meanPairDistance(int[] sortedPositions) {
        int n = sortedPositions.length;
        if (n < 2) {
            return 0.0;
        }
        long sum = 0; // ≤ n² · L′ / 2 ≈ 10^15 for n = L′ = 128k: fits in a long
        for (int j = 0; j < n; j++) {
            sum += (long) sortedPositions[j] * (2L * j - (n - 1));
        }
        double pairs = (double) n * (n - 1) / 2.0;
        return sum / pairs;
    }

    /** Number of maximal runs of consecutive positions (p, p+1, p+2 …); 0 for an empty sample. */
    public static int continuousSegments(int[] sortedPositions) {
        if (sortedPositions.length == 0) {
            return 0;
        }
        int runs = 1;
        for (int i = 1; i < sortedPositions.length; i++) {
            if (sortedPositions[i] != sortedPositions[i - 1] + 1) {
                runs++;
            }
        }
        return runs;
    }

    /** Tokens per maximal run of consecutive positions (the paper's "average continuous segment length"). */
    public static double meanContinuousSegmentLength(int[] sortedPositions) {
        int runs = continuousSegments(sortedPositions);
        return runs == 0 ? 0.0 : (double) sortedPositions.length / runs;
    }
}
