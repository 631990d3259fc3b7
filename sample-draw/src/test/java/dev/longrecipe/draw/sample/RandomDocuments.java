package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.Document;
import java.util.SplittableRandom;

/** Random tokenised documents for property tests. */
public final class RandomDocuments {

    private RandomDocuments() {
    }

    /** A document of about {@code tokens} tokens in sentences of 1…maxSentence tokens, each an anchor with probability p. */
    public static Document document(SplittableRandom rng, long index, int tokens, int maxSentence, double anchorProbability) {
        int[] starts = new int[tokens + 1];
        boolean[] anchors = new boolean[tokens];
        int s = 0;
        int t = 0;
        while (t < tokens) {
            starts[s] = t;
            anchors[s] = rng.nextDouble() < anchorProbability;
            t = Math.min(tokens, t + 1 + rng.nextInt(maxSentence));
            s++;
        }
        starts[s] = tokens;
        int[] ids = new int[tokens];
        for (int i = 0; i < tokens; i++) {
            ids[i] = rng.nextInt(2048);
        }
        return new Document(index, ids, java.util.Arrays.copyOf(starts, s + 1), java.util.Arrays.copyOf(anchors, s));
    }
}
