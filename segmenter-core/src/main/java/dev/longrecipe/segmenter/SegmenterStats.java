package dev.longrecipe.segmenter;

import java.util.Map;

/**
 * What a segmenter run produced (written as stats.json). The shards hold sample sources and the trainer draws every
 * training example afresh in every epoch; the sample figures here (samples, tokens, kept sentences, Figure-3 numbers,
 * coverage) are those of the epoch-0 draws, made with exactly the seeds the trainer uses for epoch 0
 * ({@code SpanSampler}). Later epochs draw other selections and positions from the same spans. Samples include the
 * model's BOS token at position 0 when it has one.
 *
 * @param documentsRead              corpus lines in this partition (including bad ones)
 * @param documentsUsed              documents that gave at least one sample
 * @param documentTokens             tokens in all tokenised documents (the text the run read)
 * @param samples                    samples written (one sample source each)
 * @param tokens                     tokens in all samples
 * @param sentences                  sentences in all tokenised documents
 * @param anchorSentences            of those, anchor sentences (0 for methods without anchors)
 * @param keptSentences              sentences with at least one token in some sample
 * @param droppedSentences           sentences in no sample
 * @param anchorHitRate              anchorSentences / sentences
 * @param avgContinuousSegmentLength tokens per maximal run of consecutive positions, pooled over samples (Figure 3)
 * @param avgTokenDistance           mean over samples of the mean |pos_i − pos_j| over token pairs (Figure 3)
 * @param positionCoverage           fraction of the coverageBuckets equal buckets of [0, L′) hit by some position
 * @param coverageBuckets            number of buckets behind positionCoverage
 * @param tokensShortOfSampleLength  samples × Ls − tokens: what max-skip could not place before L′ and what the
 *                                   released-code selection (no fill) left out
 * @param emptySamples               spans whose epoch-0 draw has fewer than two tokens (the released-code selection
 *                                   dropped (nearly) everything): nothing to train on, not written
 * @param badInput                   counts by problem: blank-line, invalid-json, missing-text, empty-document,
 *                                   shorter-than-sample
 * @param longestDocumentTokens      tokens in the longest document seen
 * @param sampleLength               Ls (L′ for flt)
 * @param targetLength               L′
 */
public record SegmenterStats(long documentsRead, long documentsUsed, long documentTokens, long samples, long tokens, long sentences,
                             long anchorSentences, long keptSentences, long droppedSentences, double anchorHitRate,
                             double avgContinuousSegmentLength, double avgTokenDistance, double positionCoverage,
                             int coverageBuckets, long tokensShortOfSampleLength, long emptySamples, Map<String, Long> badInput,
                             long longestDocumentTokens, int sampleLength, int targetLength) {
}
