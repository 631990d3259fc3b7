package dev.longrecipe.analyzer;

import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.delta.BucketStatistics;
import dev.longrecipe.analyzer.delta.PositionBuckets;
import dev.longrecipe.analyzer.delta.SampleDeltas;
import dev.longrecipe.analyzer.delta.TypeStatistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Impactful token analysis over plain arrays (docs/ALGORITHMS.md §1, the paper's §4.1): collects each sample's gold-token
 * logit deltas Δ = S_H′ − S_H with the type of every token, then ranks and aggregates.
 *
 * <p><b>Which tokens are impactful.</b> The paper selects "the top 20 % of tokens … at each position (e.g., the i-th
 * token in the sample)". This class reads that literally: at every position t the tokens of all samples at t are
 * ranked by |Δ| and the top ⌈topFraction · n_t⌉ are impactful (n_t = samples that reach t; ties go to the earlier
 * sample). Ranking within a position, not within a bucket, keeps any growth of |Δ| with position from favouring the
 * late positions of a bucket. A token whose Δ is exactly zero is never impactful: a model pair that agrees on it did
 * not change it. Position buckets only group positions for the reported frequencies and entropies.
 *
 * <p>Memory: per sample, T types and T−1 deltas; the Eq. 2 entropy is folded into bucket sums as samples arrive.
 */
public final class LogitDeltaAnalysis {

    private final double topFraction;
    private final PositionBuckets buckets;
    private final Map<String, Integer> typeIndex = new HashMap<>();
    private final List<String> typeNames = new ArrayList<>();
    private final List<int[]> sampleTypes = new ArrayList<>();   // per sample (T)
    private final List<float[]> sampleDeltas = new ArrayList<>(); // per sample (T−1), index j = position j+1
    private final double[] entropySum;
    private final long[] entropyPositions;

    /**
     * @param topFraction     share of tokens per position counted as impactful, in (0, 1]
     * @param length          the analysis length: samples have at most this many tokens
     * @param positionBuckets number of buckets over positions 0…length−1
     */
    public LogitDeltaAnalysis(double topFraction, int length, int positionBuckets) {
        if (!(topFraction > 0 && topFraction <= 1)) {
            throw new IllegalArgumentException("topFraction must be in (0, 1], got " + topFraction
                    + "; the paper uses 0.2");
        }
        this.topFraction = topFraction;
        this.buckets = new PositionBuckets(length, positionBuckets);
        this.entropySum = new double[buckets.count()];
        this.entropyPositions = new long[buckets.count()];
    }

    /** Adds one sample; {@code tokenTypes} gives the type of every token (length T). */
    public void add(SampleDeltas deltas, String[] tokenTypes) {
        int length = deltas.length();
        if (tokenTypes.length != length) {
            throw new IllegalArgumentException("a sample of " + length + " tokens needs " + length
                    + " token types, got " + tokenTypes.length);
        }
        if (length > buckets.length()) {
            throw new IllegalArgumentException("a sample of " + length + " tokens is longer than the analysis length "
                    + buckets.length() + "; truncate samples to the analysis length");
        }
        int[] types = new int[length];
        for (int i = 0; i < length; i++) {
            types[i] = typeIndex.computeIfAbsent(tokenTypes[i], name -> {
                typeNames.add(name);
                return typeNames.size() - 1;
            });
        }
        float[] delta = new float[Math.max(0, length - 1)];
        for (int position = 1; position < length; position++) {
            delta[position - 1] = deltas.delta(position);
            int b = buckets.bucketOf(position);
            entropySum[b] += deltas.entropyAt(position);
            entropyPositions[b]++;
        }
        sampleTypes.add(types);
        sampleDeltas.add(delta);
    }

    public int samples() {
        return sampleTypes.size();
    }

    public PositionBuckets buckets() {
        return buckets;
    }

    /** Ranks every position, counts types and returns the tables. Can be called again after more samples. */
    public AnalysisTables finish() {
        int typeCount = typeNames.size();
        int bucketCount = buckets.count();
        long[] count = new long[typeCount];
        long[] impactful = new long[typeCount];
        double[] absSum = new double[typeCount];
        double[] signedSum = new double[typeCount];
        long[][] bucketCountByType = new long[bucketCount][typeCount];
        long[][] bucketImpactfulByType = new long[bucketCount][typeCount];
        long[] bucketTokens = new long[bucketCount];
        long[] bucketImpactful = new long[bucketCount];
        long nonZero = 0;
        double maxAbs = 0;

        int maxLength = sampleTypes.stream().mapToInt(t -> t.length).max().orElse(0);
        Integer[] order = new Integer[sampleTypes.size()];
        for (int position = 1; position < maxLength; position++) {
            int present = 0;
            for (int s = 0; s < sampleTypes.size(); s++) {
                if (sampleTypes.get(s).length > position) {
                    order[present++] = s;
                }
            }
            final int p = position;
            Arrays.sort(order, 0, present, Comparator
                    .comparingDouble((Integer s) -> -Math.abs(sampleDeltas.get(s)[p - 1]))
                    .thenComparingInt(s -> s));
            int top = (int) Math.ceil(topFraction * present - 1e-9);
            int b = buckets.bucketOf(position);
            for (int rank = 0; rank < present; rank++) {
                int s = order[rank];
                int type = sampleTypes.get(s)[position];
                float delta = sampleDeltas.get(s)[position - 1];
                double abs = Math.abs(delta);
                count[type]++;
                absSum[type] += abs;
                signedSum[type] += delta;
                bucketCountByType[b][type]++;
                bucketTokens[b]++;
                if (delta != 0) {
                    nonZero++;
                    maxAbs = Math.max(maxAbs, abs);
                }
                if (rank < top && delta != 0) {
                    impactful[type]++;
                    bucketImpactfulByType[b][type]++;
                    bucketImpactful[b]++;
                }
            }
        }

        long tokens = Arrays.stream(count).sum();
        long impactfulTokens = Arrays.stream(impactful).sum();
        List<TypeStatistics> typeStatistics = new ArrayList<>(typeCount);
        for (int type = 0; type < typeCount; type++) {
            if (count[type] == 0) {
                continue; // only ever seen at position 0, which no model predicts
            }
            double baseShare = (double) count[type] / tokens;
            double impactfulShare = impactfulTokens == 0 ? 0 : (double) impactful[type] / impactfulTokens;
            typeStatistics.add(new TypeStatistics(typeNames.get(type), count[type], impactful[type], baseShare,
                    impactfulShare, impactfulShare / baseShare, absSum[type], signedSum[type]));
        }
        typeStatistics.sort(Comparator.comparingDouble(TypeStatistics::deltaAbsSum).reversed()
                .thenComparing(TypeStatistics::type));

        List<BucketStatistics> bucketStatistics = new ArrayList<>(bucketCount);
        for (int b = 0; b < bucketCount; b++) {
            Map<String, Double> impactfulShares = new LinkedHashMap<>();
            Map<String, Double> baseShares = new LinkedHashMap<>();
            for (TypeStatistics stats : typeStatistics) {
                int type = typeIndex.get(stats.type());
                if (bucketCountByType[b][type] > 0) {
                    baseShares.put(stats.type(), (double) bucketCountByType[b][type] / bucketTokens[b]);
                    impactfulShares.put(stats.type(), bucketImpactful[b] == 0 ? 0.0
                            : (double) bucketImpactfulByType[b][type] / bucketImpactful[b]);
                }
            }
            double entropyMean = entropyPositions[b] == 0 ? Double.NaN : entropySum[b] / entropyPositions[b];
            bucketStatistics.add(new BucketStatistics(b, buckets.from(b), buckets.to(b), bucketTokens[b],
                    bucketImpactful[b], entropyMean, impactfulShares, baseShares));
        }
        List<Integer> lengths = sampleTypes.stream().map(t -> t.length).toList();
        return new AnalysisTables(sampleTypes.size(), lengths, tokens, impactfulTokens, nonZero, maxAbs,
                typeStatistics, bucketStatistics);
    }
}
