package dev.longrecipe.segmenter.sample;

import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.draw.sample.RandomDocuments;
import dev.longrecipe.draw.sample.Sample;
import dev.longrecipe.draw.sample.SampleBuilder;
import dev.longrecipe.draw.sample.SampleBuilders;
import dev.longrecipe.draw.sample.SampleSeeds;
import dev.longrecipe.segmenter.stats.PositionStatistics;
import dev.longrecipe.shards.Document;
import dev.longrecipe.shards.SourceSpan;
import org.junit.jupiter.api.Test;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;


import static dev.longrecipe.draw.position.PositionInvariants.assertStrictlyIncreasingWithinWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Invariants of every sample builder over many random documents (plain seeded loops, ≥ 200 documents each). */
class SampleBuilderPropertyTest {

    static final int WINDOW = 2000;   // L′
    static final double RATIO = 0.3;  // Ls = 600
    static final int LS = 600;

    static SegmenterSettings.Builder settings(String method) {
        return SegmenterSettings.builder().method(method).baseWindow(512).targetLength(WINDOW).ratio(RATIO)
                .anchorRule("digits").seed(42);
    }

    /** Checks shared by all builders: ids come from the document in document order, positions valid. */
    static void assertWellFormed(Document doc, Sample sample, int window) {
        assertStrictlyIncreasingWithinWindow(sample.positionIds(), window);
        int[] src = sample.sourceTokens();
        for (int i = 0; i < src.length; i++) {
            assertThat(sample.inputIds()[i]).isEqualTo(doc.tokens()[src[i]]);
            if (i > 0) {
                assertThat(src[i]).as("document order").isGreaterThan(src[i - 1]);
            }
        }
    }

    /** Tokens that are neighbours in the same sentence of the document are neighbours in position. */
    static void assertConsecutiveWithinSentences(Document doc, Sample sample) {
        int[] src = sample.sourceTokens();
        int[] pos = sample.positionIds();
        for (int i = 1; i < src.length; i++) {
            if (src[i] == src[i - 1] + 1 && doc.sentenceOf(src[i]) == doc.sentenceOf(src[i - 1])) {
                assertThat(pos[i]).as("token %d continues its sentence", i).isEqualTo(pos[i - 1] + 1);
            }
        }
    }

    /** One sample, built from span {@code k} of its document's plan. */
    record Built(Document doc, List<SourceSpan> plan, int k, Sample sample) {
        SourceSpan span() {
            return plan.get(k);
        }
    }

    /**
     * Plans and builds every sample of {@code documents} random documents (document d from {@code randomDocument},
     * each sample from its own seed under {@code seed}); every sample has exactly Ls well-formed tokens.
     */
    static List<Built> buildFullSamples(SampleBuilder builder, int documents, IntFunction<Document> randomDocument, long seed) {
        List<Built> built = new ArrayList<>();
        for (int d = 0; d < documents; d++) {
            Document doc = randomDocument.apply(d);
            List<SourceSpan> plan = builder.plan(doc);
            for (int k = 0; k < plan.size(); k++) {
                Sample sample = builder.build(doc, plan.get(k), SampleSeeds.random(seed, doc.index(), k, 0));
                assertThat(sample.length()).isEqualTo(LS);
                assertWellFormed(doc, sample, WINDOW);
                built.add(new Built(doc, plan, k, sample));
            }
        }
        return built;
    }

    static List<Sample> buildAll(SampleBuilder builder, Document doc, long seed) {
        List<SourceSpan> spans = builder.plan(doc);
        return java.util.stream.IntStream.range(0, spans.size())
                .mapToObj(k -> builder.build(doc, spans.get(k), SampleSeeds.random(seed, doc.index(), k, 0)))
                .toList();
    }

    @Test
    void longrecipeAlgorithm1SamplesHaveExactlyLsTokensKeepAnchorsAndStayInTheWindow() {
        SampleBuilder builder = SampleBuilders.create(settings("longrecipe").build());
        SplittableRandom rng = new SplittableRandom(1);
        List<Built> built = buildFullSamples(builder, 250,
                d -> RandomDocuments.document(rng, d, 300 + rng.nextInt(6000), 1 + rng.nextInt(120), rng.nextDouble() * 0.6), 42);
        double lastPositionSum = 0;
        for (Built b : built) {
            Sample sample = b.sample();
            assertConsecutiveWithinSentences(b.doc(), sample);
            assertThat(sample.positionIds()[0]).isZero();
            assertThat(sample.sourceTokens()[0]).isGreaterThanOrEqualTo(b.span().start());
            assertThat(sample.sourceTokens()[LS - 1]).isLessThan(b.span().end());
            assertAnchorsKept(b.doc(), b.span(), sample);
            lastPositionSum += sample.positionIds()[LS - 1];
            if (b.k() == 0) {
                assertSpansTileTheDocumentInOrder(b.doc(), b.plan());
            }
        }
        assertThat(built).hasSizeGreaterThan(200);
        // the gap budget is spent: on average the last token sits near the end of the window
        assertThat(lastPositionSum / built.size()).isGreaterThan(WINDOW * 0.9);
    }

    /** When the span's anchors fit in Ls, every anchor sentence of the span is in the sample, whole. */
    static void assertAnchorsKept(Document doc, SourceSpan span, Sample sample) {
        Set<Integer> present = new HashSet<>();
        for (int s : sample.sourceTokens()) {
            present.add(s);
        }
        int first = doc.sentenceOf(span.start());
        int end = doc.sentenceOf(span.end() - 1) + 1;
        long anchorTokens = 0;
        for (int s = first; s < end; s++) {
            anchorTokens += doc.anchor()[s] ? doc.sentenceLength(s) : 0;
        }
        for (int s = first; s < end; s++) {
            if (doc.anchor()[s] && anchorTokens <= LS) {
                for (int t = doc.sentenceStarts()[s]; t < doc.sentenceStarts()[s + 1]; t++) {
                    assertThat(present).as("anchor sentence %d token %d", s, t).contains(t);
                }
            }
        }
        if (anchorTokens >= LS) {
            for (int t : sample.sourceTokens()) {
                assertThat(doc.anchor()[doc.sentenceOf(t)]).as("only anchors when anchors fill Ls").isTrue();
            }
        }
    }

    static void assertSpansTileTheDocumentInOrder(Document doc, List<SourceSpan> spans) {
        int expectedStart = 0;
        for (SourceSpan span : spans) {
            assertThat(span.start()).isEqualTo(expectedStart);
            assertThat(span.length()).isGreaterThanOrEqualTo(LS);
            boolean singleSentence = doc.sentenceOf(span.start()) == doc.sentenceOf(span.end() - 1);
            if (!singleSentence) {
                assertThat(span.length()).isLessThanOrEqualTo(WINDOW);
            }
            expectedStart = span.end();
        }
    }

    @Test
    void longrecipeMaxSkipGapsAreAtMostM() {
        int m = 3;
        SampleBuilder builder = SampleBuilders.create(settings("longrecipe").transform("max-skip").maxSkip(m).build());
        SplittableRandom rng = new SplittableRandom(2);
        // sentences of ≥ 20 tokens: at most 31 segments, 31·3 + 600 < 2000, so nothing is cut (every sample has Ls tokens)
        List<Built> built = buildFullSamples(builder, 200,
                d -> RandomDocuments.document(rng, d, 700 + rng.nextInt(3000), 20 + rng.nextInt(80), 0.3), 42);
        for (Built b : built) {
            assertConsecutiveWithinSentences(b.doc(), b.sample());
            int[] pos = b.sample().positionIds();
            for (int i = 1; i < pos.length; i++) {
                assertThat(pos[i] - pos[i - 1] - 1).isBetween(0, m);
            }
        }
        assertThat(built).hasSizeGreaterThan(200);
    }

    @Test
    void anchorRichDocumentsYieldMoreSamples() {
        SampleBuilder builder = SampleBuilders.create(settings("longrecipe").build());
        SampleBuilder random = SampleBuilders.create(settings("longrecipe-random").build());
        SplittableRandom rng = new SplittableRandom(3);
        Document poor = RandomDocuments.document(rng, 0, 40_000, 40, 0.05);
        Document rich = RandomDocuments.document(rng, 1, 40_000, 40, 0.9);
        assertThat(builder.plan(rich).size()).isGreaterThan(2 * builder.plan(poor).size());
        // Random T ignores anchors: one span per L′ of text either way
        assertThat(random.plan(rich).size()).isEqualTo(random.plan(poor).size()).isEqualTo(20);
    }

    @Test
    void randomTSelectsSentencesAtRandomRegardlessOfAnchors() {
        SampleBuilder builder = SampleBuilders.create(settings("longrecipe-random").build());
        SplittableRandom rng = new SplittableRandom(4);
        long anchorTokens = 0;
        long tokens = 0;
        for (Built b : buildFullSamples(builder, 200,
                d -> RandomDocuments.document(rng, d, 2000 + rng.nextInt(4000), 1 + rng.nextInt(60), 0.2), 7)) {
            assertConsecutiveWithinSentences(b.doc(), b.sample());
            for (int t : b.sample().sourceTokens()) {
                anchorTokens += b.doc().anchor()[b.doc().sentenceOf(t)] ? 1 : 0;
            }
            tokens += b.sample().length();
        }
        // anchors are not favoured: their share stays near the 20 % base rate
        assertThat((double) anchorTokens / tokens).isCloseTo(0.2, within(0.05));
    }

    @Test
    void anySampleCanBeRebuiltAloneFromItsSeed() {
        SampleBuilder builder = SampleBuilders.create(settings("longrecipe").build());
        SplittableRandom rng = new SplittableRandom(5);
        for (int d = 0; d < 200; d++) {
            Document doc = RandomDocuments.document(rng, 1000 + d, 1000 + rng.nextInt(8000), 1 + rng.nextInt(90), 0.3);
            List<Sample> all = buildAll(builder, doc, 99);
            for (int k = all.size() - 1; k >= 0; k--) { // rebuild out of order, each alone
                Sample alone = builder.build(doc, builder.plan(doc).get(k), SampleSeeds.random(99, doc.index(), k, 0));
                assertThat(alone.inputIds()).isEqualTo(all.get(k).inputIds());
                assertThat(alone.positionIds()).isEqualTo(all.get(k).positionIds());
            }
            if (all.size() > 1) {
                assertThat(all.get(0).positionIds()).isNotEqualTo(all.get(1).positionIds());
            }
        }
    }

    @Test
    void releasedCodeTruncatesToLsKeepsAnchorsAndKeepsOthersWithProbabilityOneMinusSelectRatio() {
        SampleBuilder builder = SampleBuilders.create(settings("longrecipe").releasedCode(true).selectRatio(0.8).build());
        SplittableRandom rng = new SplittableRandom(6);
        long otherSentences = 0;
        long otherKept = 0;
        double prefixShare = 0;
        int released = 0;
        for (int d = 0; d < 300; d++) {
            Document doc = RandomDocuments.document(rng, d, 600 + rng.nextInt(5000), 1 + rng.nextInt(30), 0.3);
            List<SourceSpan> spans = builder.plan(doc);
            assertThat(spans).containsExactly(new SourceSpan(0, LS));
            Sample sample = builder.build(doc, spans.get(0), SampleSeeds.random(1, d, 0, 0));
            assertThat(sample.length()).isLessThanOrEqualTo(LS);
            if (sample.length() == 0) {
                continue;
            }
            assertWellFormed(doc, sample, WINDOW);
            assertThat(sample.sourceTokens()[sample.length() - 1]).isLessThan(LS);
            assertThat(sample.positionIds()[0]).isZero();
            int run = 1;
            while (run < sample.length() && sample.positionIds()[run] == run) {
                run++;
            }
            prefixShare += (double) run / sample.length();
            released++;
            Set<Integer> keptSentences = new HashSet<>();
            for (int t : sample.sourceTokens()) {
                keptSentences.add(doc.sentenceOf(t));
            }
            for (int s = 0; s < doc.sentenceCount() && doc.sentenceStarts()[s] < LS; s++) {
                if (doc.anchor()[s]) {
                    assertThat(keptSentences).contains(s);
                } else {
                    otherSentences++;
                    otherKept += keptSentences.contains(s) ? 1 : 0;
                }
            }
        }
        assertThat((double) otherKept / otherSentences).isCloseTo(0.2, within(0.02));
        // the contiguous prefix rt1 ~ U[1, n/2] covers about a quarter of each sample on average
        assertThat(prefixShare / released).isBetween(0.22, 0.33);
    }

    @Test
    void poseHasTwoContiguousChunksWithTheSecondShiftedAndTextSkipped() {
        SampleBuilder builder = SampleBuilders.create(settings("pose").build());
        SplittableRandom rng = new SplittableRandom(7);
        int textSkipped = 0;
        List<Built> built = buildFullSamples(builder, 200, d -> RandomDocuments.document(rng, d, 600 + rng.nextInt(6000), 50, 0), 3);
        for (Built b : built) {
            SourceSpan span = b.span();
            int[] pos = b.sample().positionIds();
            int[] src = b.sample().sourceTokens();
            assertThat(span.length()).isBetween(LS, WINDOW);
            assertThat(src[0]).isEqualTo(span.start());
            int rt1 = 1;
            while (rt1 < LS && pos[rt1] == rt1 && src[rt1] == span.start() + rt1) {
                rt1++;
            }
            assertThat(rt1).isBetween(1, (LS + 1) / 2);
            for (int i = rt1 + 1; i < LS; i++) {
                assertThat(pos[i]).isEqualTo(pos[i - 1] + 1);
                assertThat(src[i]).isEqualTo(src[i - 1] + 1);
            }
            assertThat(src[LS - 1]).isLessThan(span.end());
            if (rt1 < LS) {
                assertThat(pos[rt1] - rt1).as("shift u").isBetween(0, WINDOW - LS);
                textSkipped += src[rt1] > src[rt1 - 1] + 1 ? 1 : 0;
            }
        }
        assertThat(built).hasSizeGreaterThan(200);
        assertThat(textSkipped).as("chunk 2 usually comes from later text").isGreaterThan(built.size() / 2);
    }

    @Test
    void rpesTakesTheFirstLsTokensAtSortedDistinctPositions() {
        SampleBuilder builder = SampleBuilders.create(settings("rpes").build());
        SplittableRandom rng = new SplittableRandom(8);
        double segmentLength = 0;
        List<Built> built = buildFullSamples(builder, 200, d -> RandomDocuments.document(rng, d, 600 + rng.nextInt(5000), 50, 0), 3);
        for (Built b : built) {
            assertThat(b.sample().sourceTokens()[0]).isEqualTo(b.span().start());
            assertThat(b.sample().sourceTokens()[LS - 1]).isEqualTo(b.span().start() + LS - 1);
            segmentLength += PositionStatistics.meanContinuousSegmentLength(b.sample().positionIds());
        }
        // Ls of L′ positions drawn uniformly: runs are short (expected about 1 / (1 − Ls/L′) ≈ 1.4)
        assertThat(segmentLength / built.size()).isCloseTo(1.0 / (1 - 0.3), within(0.1));
    }

    @Test
    void fltUsesFullWindowsOfContiguousPositionsAndDropsTheRemainder() {
        SampleBuilder builder = SampleBuilders.create(settings("flt").build());
        SplittableRandom rng = new SplittableRandom(9);
        for (int d = 0; d < 200; d++) {
            int tokens = 100 + rng.nextInt(9000);
            Document doc = RandomDocuments.document(rng, d, tokens, 50, 0);
            List<Sample> samples = buildAll(builder, doc, 1);
            assertThat(samples).hasSize(tokens / WINDOW);
            for (int k = 0; k < samples.size(); k++) {
                Sample sample = samples.get(k);
                assertThat(sample.length()).isEqualTo(WINDOW);
                assertThat(sample.positionIds()).isEqualTo(IntStream.range(0, WINDOW).toArray());
                assertThat(sample.sourceTokens()).isEqualTo(IntStream.range(k * WINDOW, (k + 1) * WINDOW).toArray());
            }
        }
    }

    @Test
    void samplesPerDocumentCapsEveryBuilder() {
        SplittableRandom rng = new SplittableRandom(10);
        Document doc = RandomDocuments.document(rng, 0, 30_000, 40, 0.5);
        for (String method : SampleBuilders.NAMES) {
            SampleBuilder capped = SampleBuilders.create(settings(method).samplesPerDocument(2).build());
            assertThat(capped.plan(doc)).as(method).hasSize(2);
        }
    }
}
