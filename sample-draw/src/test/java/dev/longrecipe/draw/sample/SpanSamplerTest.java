package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.draw.SegmenterSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** Every training example is drawn afresh from its span: per epoch, reproducibly. */
class SpanSamplerTest {

    static final int WINDOW = 2000;

    static SegmenterSettings.Builder settings(String method) {
        return SegmenterSettings.builder().method(method).baseWindow(512).targetLength(WINDOW).ratio(0.3)
                .anchorRule("digits").seed(42);
    }

    /** The sources the segmenter would store for {@code doc}. */
    static List<SampleSource> sources(SpanSampler sampler, Document doc) {
        List<SourceSpan> spans = sampler.builder().plan(doc);
        return java.util.stream.IntStream.range(0, spans.size())
                .mapToObj(k -> new SampleSource(doc.slice(spans.get(k)), k)).toList();
    }

    @Test
    void twoEpochsGiveDifferentPositionsAndSelectionForTheSameSpan() {
        SplittableRandom rng = new SplittableRandom(1);
        for (String method : List.of("longrecipe", "longrecipe-random", "pose", "rpes")) {
            SpanSampler sampler = SpanSampler.of(settings(method).build());
            int spans = 0;
            for (int d = 0; d < 30; d++) {
                Document doc = RandomDocuments.document(rng, d, 2000 + rng.nextInt(6000), 1 + rng.nextInt(60), 0.1);
                for (SampleSource source : sources(sampler, doc)) {
                    Sample first = sampler.sample(source, 0);
                    Sample second = sampler.sample(source, 1);
                    assertThat(second.positionIds()).as(method).isNotEqualTo(first.positionIds());
                    if (!method.equals("rpes")) { // RPES keeps the span's first Ls tokens and redraws positions only
                        assertThat(second.sourceTokens()).as(method + ": the selection").isNotEqualTo(first.sourceTokens());
                    }
                    spans++;
                }
            }
            assertThat(spans).as(method).isGreaterThan(20);
        }
    }

    @Test
    void theSameEpochAndSpanAlwaysGiveTheSameSample() {
        SplittableRandom rng = new SplittableRandom(2);
        SpanSampler sampler = SpanSampler.of(settings("longrecipe").build());
        SpanSampler again = SpanSampler.of(settings("longrecipe").build());
        Document doc = RandomDocuments.document(rng, 17, 9000, 40, 0.2);
        for (SampleSource source : sources(sampler, doc)) {
            for (long epoch : new long[] {3, 0, 7, 3}) {
                Sample a = sampler.sample(source, epoch);
                Sample b = again.sample(source, epoch);
                assertThat(b.inputIds()).isEqualTo(a.inputIds());
                assertThat(b.positionIds()).isEqualTo(a.positionIds());
            }
        }
    }

    @Test
    void aSliceDrawsWhatTheWholeDocumentDrawsForThatSpan() {
        SplittableRandom rng = new SplittableRandom(3);
        List<SegmenterSettings> all = List.of(settings("longrecipe").build(), settings("longrecipe-random").build(),
                settings("pose").build(), settings("rpes").build(), settings("flt").build(),
                settings("longrecipe").releasedCode(true).build(), settings("longrecipe").transform("max-skip")
                        .maxSkip(50).build(), settings("pose").bosTokenId(1).build());
        for (SegmenterSettings s : all) {
            SampleBuilder builder = SampleBuilders.create(s);
            for (int d = 0; d < 20; d++) {
                Document doc = RandomDocuments.document(rng, d, 1000 + rng.nextInt(7000), 1 + rng.nextInt(80), 0.3);
                List<SourceSpan> spans = builder.plan(doc);
                for (int k = 0; k < spans.size(); k++) {
                    SourceSpan span = spans.get(k);
                    Document slice = doc.slice(span);
                    Sample whole = builder.build(doc, span, SampleSeeds.random(9, d, k, 0));
                    Sample sliced = builder.build(slice, new SourceSpan(0, slice.tokenCount()),
                            SampleSeeds.random(9, d, k, 0)).withSourcesFrom(span.start());
                    assertThat(sliced.inputIds()).as(s.method()).isEqualTo(whole.inputIds());
                    assertThat(sliced.positionIds()).as(s.method()).isEqualTo(whole.positionIds());
                    assertThat(sliced.sourceTokens()).as(s.method()).isEqualTo(whole.sourceTokens());
                }
            }
        }
    }

    @Test
    void anUnusableDrawOfALaterEpochIsReplacedByTheEpoch0Draw() {
        // a builder whose draws are empty half of the time, like the released-code selection can be
        SampleBuilder flaky = new SampleBuilder() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public int maxSampleLength() {
                return 3;
            }

            @Override
            public List<SourceSpan> plan(Document doc) {
                return List.of(new SourceSpan(0, doc.tokenCount()));
            }

            @Override
            public Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
                int shift = rng.nextInt(100);
                return rng.nextBoolean() ? new Sample(new int[0], new int[0], new int[0])
                        : new Sample(new int[] {7, 8, 9}, new int[] {shift, shift + 1, shift + 2}, new int[] {0, 1, 2});
            }
        };
        Document doc = new Document(0, new int[] {7, 8, 9}, new int[] {0, 3}, new boolean[] {false});
        for (long seed = 0; seed < 50; seed++) {
            SpanSampler sampler = new SpanSampler(flaky, seed);
            SampleSource source = new SampleSource(doc, 0);
            Sample epoch0 = sampler.sample(source, 0);
            for (long epoch = 1; epoch < 10; epoch++) {
                Sample drawn = sampler.sample(source, epoch);
                if (epoch0.length() > 0) {
                    assertThat(drawn.length()).isEqualTo(3);
                }
            }
        }
    }

    @Test
    void withABosTokenTheMethodFillsTheRestOverPositionsOneOnward() {
        SplittableRandom rng = new SplittableRandom(4);
        Document doc = RandomDocuments.document(rng, 0, 6000, 30, 0.2);
        for (String method : List.of("longrecipe", "longrecipe-random", "pose", "rpes", "flt")) {
            SpanSampler sampler = SpanSampler.of(settings(method).bosTokenId(5000).build());
            int length = method.equals("flt") ? WINDOW : 600;
            assertThat(sampler.builder().maxSampleLength()).isEqualTo(length);
            for (SampleSource source : sources(sampler, doc)) {
                Sample sample = sampler.sample(source, 2);
                assertThat(sample.length()).as(method).isEqualTo(length);
                assertThat(sample.inputIds()[0]).isEqualTo(5000);
                assertThat(sample.positionIds()[0]).isZero();
                assertThat(sample.sourceTokens()[0]).isEqualTo(Sample.NOT_FROM_THE_DOCUMENT);
                assertThat(sample.positionIds()[1]).isGreaterThanOrEqualTo(1);
                if (!method.equals("rpes")) { // RPES draws all positions; the others start the text at their 0
                    assertThat(sample.positionIds()[1]).isEqualTo(1);
                }
                assertThat(sample.positionIds()[length - 1]).isLessThan(WINDOW);
            }
        }
    }
}
