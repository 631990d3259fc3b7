package dev.longrecipe.segmenter.stats;

import dev.longrecipe.segmenter.SegmenterStats;
import dev.longrecipe.segmenter.corpus.BadInput;
import dev.longrecipe.shards.Document;
import dev.longrecipe.draw.sample.Sample;
import dev.longrecipe.draw.sample.SpanSampler;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running totals of a segmenter run. One per batch of documents, merged in document order, so the result
 * does not depend on how many threads made the batches.
 */
public final class StatsAccumulator {

    private final int window;
    private final int buckets;
    private long documentsRead;
    private long documentsUsed;
    private long documentTokens;
    private long samples;
    private long tokens;
    private long sentences;
    private long anchorSentences;
    private long keptSentences;
    private long droppedSentences;
    private long runs;
    private double sumMeanDistance;
    private long emptySamples;
    private long longestDocumentTokens;
    private final long[] bucketHits;
    private final EnumMap<BadInput, Long> badInput = new EnumMap<>(BadInput.class);

    public StatsAccumulator(int window, int buckets) {
        this.window = window;
        this.buckets = buckets;
        this.bucketHits = new long[buckets];
    }

    public void documentRead() {
        documentsRead++;
    }

    public void bad(BadInput problem) {
        badInput.merge(problem, 1L, Long::sum);
    }

    /** A tokenised document and the samples it gave (possibly none), source offsets counted in the document. */
    public void document(Document doc, boolean countAnchors, List<Sample> built) {
        longestDocumentTokens = Math.max(longestDocumentTokens, doc.tokenCount());
        documentTokens += doc.tokenCount();
        sentences += doc.sentenceCount();
        if (countAnchors) {
            anchorSentences += doc.anchorSentenceCount();
        }
        boolean[] used = new boolean[doc.sentenceCount()];
        for (Sample sample : built) {
            if (!SpanSampler.usable(sample)) {
                emptySamples++;
                continue;
            }
            int sentence = 0;
            for (int t : sample.sourceTokens()) { // offsets ascend: walk the sentence index forward, not search
                if (t == Sample.NOT_FROM_THE_DOCUMENT) {
                    continue;
                }
                while (t >= doc.sentenceStarts()[sentence + 1]) {
                    sentence++;
                }
                used[sentence] = true;
            }
            sample(sample.positionIds());
        }
        long kept = 0;
        for (boolean u : used) {
            kept += u ? 1 : 0;
        }
        keptSentences += kept;
        droppedSentences += used.length - kept;
        if (built.stream().anyMatch(SpanSampler::usable)) {
            documentsUsed++;
        }
    }

    private void sample(int[] positions) {
        samples++;
        tokens += positions.length;
        runs += PositionStatistics.continuousSegments(positions);
        sumMeanDistance += PositionStatistics.meanPairDistance(positions);
        for (int p : positions) {
            bucketHits[(int) ((long) p * buckets / window)]++;
        }
    }

    public long samples() {
        return samples;
    }

    public void merge(StatsAccumulator other) {
        documentsRead += other.documentsRead;
        documentsUsed += other.documentsUsed;
        documentTokens += other.documentTokens;
        samples += other.samples;
        tokens += other.tokens;
        sentences += other.sentences;
        anchorSentences += other.anchorSentences;
        keptSentences += other.keptSentences;
        droppedSentences += other.droppedSentences;
        runs += other.runs;
        sumMeanDistance += other.sumMeanDistance;
        emptySamples += other.emptySamples;
        longestDocumentTokens = Math.max(longestDocumentTokens, other.longestDocumentTokens);
        for (int b = 0; b < buckets; b++) {
            bucketHits[b] += other.bucketHits[b];
        }
        other.badInput.forEach((k, v) -> badInput.merge(k, v, Long::sum));
    }

    public SegmenterStats toStats(int sampleLength) {
        Map<String, Long> bad = new LinkedHashMap<>();
        for (BadInput kind : BadInput.values()) {
            bad.put(kind.key(), badInput.getOrDefault(kind, 0L));
        }
        long hit = 0;
        for (long h : bucketHits) {
            hit += h > 0 ? 1 : 0;
        }
        return new SegmenterStats(documentsRead, documentsUsed, documentTokens, samples, tokens, sentences, anchorSentences,
                keptSentences, droppedSentences, sentences == 0 ? 0 : (double) anchorSentences / sentences,
                runs == 0 ? 0 : (double) tokens / runs, samples == 0 ? 0 : sumMeanDistance / samples,
                (double) hit / buckets, buckets, samples * sampleLength - tokens, emptySamples, bad, longestDocumentTokens,
                sampleLength, window);
    }
}
