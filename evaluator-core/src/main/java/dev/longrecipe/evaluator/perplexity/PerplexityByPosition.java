package dev.longrecipe.evaluator.perplexity;

import java.util.ArrayList;
import java.util.List;

/**
 * Perplexity by position bucket: the predicted positions 1…n−1 of equal-length texts are cut into {@code buckets}
 * equal ranges, and each range's perplexity is exp(mean loss) over all texts. Loss that keeps falling in the later
 * buckets means the model uses the long context; loss that rises past the trained window means it does not.
 */
public final class PerplexityByPosition {
    private PerplexityByPosition() {
    }

    /**
     * @param lossesPerText {@link TokenLosses#of} for each text; all the same length
     * @return one bucket per range, in position order
     */
    public static List<Bucket> buckets(List<double[]> lossesPerText, int buckets) {
        if (lossesPerText.isEmpty()) {
            throw new IllegalArgumentException("perplexity needs at least one text");
        }
        int n = lossesPerText.get(0).length;
        if (buckets < 1 || buckets > n) {
            throw new IllegalArgumentException("evaluator.perplexityBuckets must be in 1…" + n + " for texts of "
                    + (n + 1) + " tokens but was " + buckets);
        }
        List<Bucket> out = new ArrayList<>(buckets);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double sum = 0;
            long count = 0;
            for (double[] losses : lossesPerText) {
                if (losses.length != n) {
                    throw new IllegalArgumentException("texts differ in length: " + losses.length + " vs " + n);
                }
                for (int t = from; t < to; t++) {
                    sum += losses[t];
                    count++;
                }
            }
            double mean = sum / count;
            // loss index t predicts the token at position t+1
            out.add(new Bucket(from + 1, to, mean, Math.exp(mean)));
        }
        return out;
    }

    /**
     * @param fromPosition first predicted position in the bucket (inclusive)
     * @param toPosition   last predicted position in the bucket (inclusive)
     * @param meanLoss     mean next-token loss in nats
     * @param perplexity   exp(meanLoss)
     */
    public record Bucket(int fromPosition, int toPosition, double meanLoss, double perplexity) {
    }
}
