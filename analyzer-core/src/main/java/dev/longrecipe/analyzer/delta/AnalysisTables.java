package dev.longrecipe.analyzer.delta;

import java.util.List;

/**
 * Everything the analysis measured: the tables behind the anchor choice.
 *
 * @param samples         number of samples analysed
 * @param sampleLengths   tokens per sample
 * @param tokens          predicted tokens in total (positions ≥ 1)
 * @param impactfulTokens impactful tokens in total
 * @param nonZeroDeltas   predicted tokens whose Δ is not exactly zero
 * @param maxAbsDelta     the largest |Δ| seen
 * @param types           per-type statistics, largest Δ(τ) first
 * @param buckets         per-bucket statistics in position order
 */
public record AnalysisTables(int samples, List<Integer> sampleLengths, long tokens, long impactfulTokens,
        long nonZeroDeltas, double maxAbsDelta, List<TypeStatistics> types, List<BucketStatistics> buckets) {

    public AnalysisTables {
        sampleLengths = List.copyOf(sampleLengths);
        types = List.copyOf(types);
        buckets = List.copyOf(buckets);
    }
}
