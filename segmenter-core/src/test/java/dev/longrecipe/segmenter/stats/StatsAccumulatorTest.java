package dev.longrecipe.segmenter.stats;

import dev.longrecipe.segmenter.SegmenterStats;
import dev.longrecipe.segmenter.corpus.BadInput;
import dev.longrecipe.shards.Document;
import dev.longrecipe.draw.sample.Sample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsAccumulatorTest {

    // 4 sentences of 3 tokens; sentences 1 and 3 are anchors
    static final Document DOC = new Document(0, new int[12], new int[] {0, 3, 6, 9, 12},
            new boolean[] {false, true, false, true});

    @Test
    void countsKeptAndDroppedSentencesAnchorsAndPositionStatistics() {
        // sample uses all of sentence 1 and the first token of sentence 3, at positions 0,1,2 and 10
        Sample sample = new Sample(new int[4], new int[] {0, 1, 2, 10}, new int[] {3, 4, 5, 9});
        StatsAccumulator acc = new StatsAccumulator(20, 4);
        acc.documentRead();
        acc.document(DOC, true, List.of(sample));
        SegmenterStats s = acc.toStats(4);

        assertThat(s.sentences()).isEqualTo(4);
        assertThat(s.anchorSentences()).isEqualTo(2);
        assertThat(s.anchorHitRate()).isEqualTo(0.5);
        assertThat(s.keptSentences()).isEqualTo(2);
        assertThat(s.droppedSentences()).isEqualTo(2);
        assertThat(s.documentTokens()).isEqualTo(12);
        assertThat(s.samples()).isEqualTo(1);
        assertThat(s.tokens()).isEqualTo(4);
        assertThat(s.avgContinuousSegmentLength()).isEqualTo(2.0); // runs {0,1,2} and {10}
        // pairs: |0-1| |0-2| |0-10| |1-2| |1-10| |2-10| = 1+2+10+1+9+8 = 31 over 6 pairs
        assertThat(s.avgTokenDistance()).isCloseTo(31 / 6.0, within(1e-12));
        assertThat(s.positionCoverage()).isEqualTo(0.5); // buckets [0,5) and [10,15) of 4
        assertThat(s.tokensShortOfSampleLength()).isZero();
    }

    @Test
    void mergeAddsUpAndEmptySamplesAreCountedNotWritten() {
        StatsAccumulator a = new StatsAccumulator(20, 4);
        a.documentRead();
        a.bad(BadInput.INVALID_JSON);
        StatsAccumulator b = new StatsAccumulator(20, 4);
        b.documentRead();
        b.document(DOC, false, List.of(new Sample(new int[0], new int[0], new int[0])));
        a.merge(b);
        SegmenterStats s = a.toStats(4);
        assertThat(s.documentsRead()).isEqualTo(2);
        assertThat(s.documentsUsed()).isZero();
        assertThat(s.emptySamples()).isEqualTo(1);
        assertThat(s.samples()).isZero();
        assertThat(s.anchorSentences()).isZero(); // not counted for methods without anchors
        assertThat(s.badInput()).containsEntry("invalid-json", 1L).containsEntry("missing-text", 0L);
    }
}
