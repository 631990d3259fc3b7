package dev.longrecipe.segmenter.sample;

import dev.longrecipe.segmenter.shard.ShardSample;

/**
 * A built training sample and where its tokens came from.
 *
 * @param inputIds     token ids, shape (n)
 * @param positionIds  position ids, shape (n)
 * @param sourceTokens for each token, its offset in the document, shape (n); strictly increasing
 *                     (document order is kept)
 */
public record Sample(int[] inputIds, int[] positionIds, int[] sourceTokens) {

    public Sample {
        if (inputIds.length != positionIds.length || inputIds.length != sourceTokens.length) {
            throw new IllegalArgumentException("inputIds, positionIds and sourceTokens must have the same length");
        }
    }

    public int length() {
        return inputIds.length;
    }

    public ShardSample toShardSample() {
        return new ShardSample(inputIds, positionIds);
    }
}
