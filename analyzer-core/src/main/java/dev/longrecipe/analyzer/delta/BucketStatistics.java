package dev.longrecipe.analyzer.delta;

import java.util.Map;

/**
 * One position bucket: how often each type appears among impactful tokens and among all tokens there (the paper's
 * Figure 4 is {@code impactfulShares} against the bucket), and the mean Eq. 2 entropy.
 *
 * @param index           bucket number
 * @param fromPosition    first position (inclusive)
 * @param toPosition      last position (inclusive)
 * @param tokens          predicted tokens in the bucket, all samples
 * @param impactfulTokens impactful tokens in the bucket
 * @param entropyMean     mean entropy of softmax(S_H′ − S_H) over the bucket's positions (nats; NaN if empty)
 * @param impactfulShares type → share among the bucket's impactful tokens (types that occur there only)
 * @param baseShares      type → share among all the bucket's tokens (types that occur there only)
 */
public record BucketStatistics(int index, int fromPosition, int toPosition, long tokens, long impactfulTokens,
        double entropyMean, Map<String, Double> impactfulShares, Map<String, Double> baseShares) {
}
