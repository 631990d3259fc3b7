package dev.longrecipe.segmenter;

import dev.longrecipe.draw.SamplesManifest;
import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.draw.position.PositionInvariants;
import dev.longrecipe.draw.sample.Sample;
import dev.longrecipe.draw.sample.SpanSampler;
import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.segmenter.stats.PositionStatistics;
import dev.longrecipe.segmenter.text.TokenizerLoadException;
import dev.longrecipe.shards.SampleShardReader;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.shards.ShardSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;



import static dev.longrecipe.segmenter.TestCorpora.TOKENIZER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SegmenterTest {

    static final int WINDOW = 4096;
    static List<String> docs;

    @BeforeAll
    static void corpus() throws IOException {
        docs = TestCorpora.documents(24, 120);
    }

    static SegmenterSettings.Builder settings(String method) {
        return SegmenterSettings.builder().method(method).baseWindow(1024).targetLength(WINDOW).ratio(0.25)
                .anchorRule("digits").seed(7).shardSamples(5).threads(2).coverageBuckets(64);
    }

    static Path goodCorpus(Path dir, boolean gzip) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String d : docs) {
            lines.add(TestCorpora.jsonLine(d));
        }
        return TestCorpora.write(dir.resolve(gzip ? "corpus.jsonl.gz" : "corpus.jsonl"), lines, gzip);
    }

    /** The sample sources of a run, in shard order. */
    static List<SampleSource> sources(SegmenterResult result) {
        List<SampleSource> out = new ArrayList<>();
        for (ShardSummary shard : result.shards()) {
            try (SampleShardReader reader = SampleShardReader.open(result.outDir().resolve(shard.file()), WINDOW)) {
                reader.sources().forEach(out::add);
            }
        }
        return out;
    }

    /** The samples of epoch {@code epoch}, drawn as the trainer draws them (settings from the manifest). */
    static List<Sample> draw(SegmenterResult result, long epoch) {
        SpanSampler sampler = SpanSampler.of(SamplesManifest.settings(result.outDir()));
        return sources(result).stream().map(source -> sampler.sample(source, epoch)).toList();
    }

    static List<Sample> readAll(SegmenterResult result) {
        return draw(result, 0);
    }

    @Test
    void longrecipeRunWritesShardsManifestAndStatsWithExactLengthSamples(@TempDir Path dir) throws IOException {
        List<Double> fractions = new ArrayList<>();
        SegmenterResult result = new Segmenter().run(settings("longrecipe").build(), goodCorpus(dir, true), TOKENIZER,
                dir.resolve("out"), (f, m) -> fractions.add(f));

        SegmenterStats stats = result.stats();
        assertThat(stats.documentsRead()).isEqualTo(docs.size());
        assertThat(stats.samples()).isGreaterThan(10);
        assertThat(result.shards()).hasSize((int) ((stats.samples() + 4) / 5));
        List<Sample> samples = readAll(result);
        assertThat(samples).hasSize((int) stats.samples());
        for (Sample s : samples) {
            assertThat(s.length()).isEqualTo(1024);
            assertThat(s.positionIds()[0]).isZero();
        }
        assertThat(stats.tokens()).isEqualTo(1024L * stats.samples());
        assertThat(stats.keptSentences() + stats.droppedSentences()).isEqualTo(stats.sentences());
        assertThat(stats.avgTokenDistance()).isBetween(WINDOW / 4.0, WINDOW / 2.0);
        assertThat(stats.avgContinuousSegmentLength()).isBetween(5.0, 200.0);
        assertThat(stats.positionCoverage()).isEqualTo(1.0);
        assertThat(stats.tokensShortOfSampleLength()).isZero();
        assertThat(Files.readString(result.manifest())).contains("\"builder\" : \"longrecipe\"", "shard-00000.bin",
                "\"positionWindow\" : 4096", "\"crc32c\"");
        assertThat(Files.readString(result.statsFile())).contains("\"avgTokenDistance\"", "\"invalid-json\" : 0");
        assertThat(fractions).last().isEqualTo(1.0);
    }

    @Test
    void outputIsIdenticalForOneAndTwoThreads(@TempDir Path dir) throws IOException {
        Path corpus = goodCorpus(dir, false);
        SegmenterResult one = new Segmenter().run(settings("longrecipe").threads(1).build(), corpus, TOKENIZER,
                dir.resolve("t1"), ProgressListener.NONE);
        SegmenterResult two = new Segmenter().run(settings("longrecipe").threads(2).build(), corpus, TOKENIZER,
                dir.resolve("t2"), ProgressListener.NONE);
        assertThat(two.shards()).isEqualTo(one.shards()); // names, counts, sizes and CRC32C of every shard
        for (ShardSummary shard : one.shards()) {
            assertThat(Files.readAllBytes(two.outDir().resolve(shard.file())))
                    .isEqualTo(Files.readAllBytes(one.outDir().resolve(shard.file())));
        }
        assertThat(two.stats()).isEqualTo(one.stats());
    }

    @Test
    void partitionsSplitTheDocumentsAndTogetherGiveTheFullRun(@TempDir Path dir) throws IOException {
        Path corpus = goodCorpus(dir, false);
        SegmenterResult full = new Segmenter().run(settings("pose").build(), corpus, TOKENIZER, dir.resolve("full"),
                ProgressListener.NONE);
        SegmenterResult p0 = new Segmenter().run(settings("pose").partition(0, 2).build(), corpus, TOKENIZER,
                dir.resolve("p0"), ProgressListener.NONE);
        SegmenterResult p1 = new Segmenter().run(settings("pose").partition(1, 2).build(), corpus, TOKENIZER,
                dir.resolve("p1"), ProgressListener.NONE);
        assertThat(p0.stats().documentsRead() + p1.stats().documentsRead()).isEqualTo(full.stats().documentsRead());
        assertThat(p0.stats().samples()).isPositive();
        assertThat(p1.stats().samples()).isPositive();
        Map<String, Integer> fullSet = fingerprints(readAll(full));
        Map<String, Integer> union = fingerprints(readAll(p0));
        fingerprints(readAll(p1)).forEach((k, v) -> union.merge(k, v, Integer::sum));
        assertThat(union).isEqualTo(fullSet);
    }

    static Map<String, Integer> fingerprints(List<Sample> samples) {
        Map<String, Integer> out = new HashMap<>();
        for (Sample s : samples) {
            out.merge(Arrays.toString(s.inputIds()) + Arrays.toString(s.positionIds()), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void badLinesAreCountedAndGoodDocumentsStillBecomeSamples(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String d : docs.subList(0, 6)) {
            lines.add(TestCorpora.jsonLine(d));
        }
        lines.add("{\"text\": \"unterminated");
        lines.add("not json at all");
        lines.add("[1, 2, 3]");
        lines.add("{\"title\": \"no text field\"}");
        lines.add("{\"text\": 42}");
        lines.add("{\"text\": \"\"}");
        lines.add("");
        lines.add(TestCorpora.jsonLine("Too short to make a sample. Only two sentences."));
        Path corpus = TestCorpora.write(dir.resolve("mixed.jsonl"), lines, false);

        SegmenterStats stats = new Segmenter().run(settings("longrecipe").build(), corpus, TOKENIZER,
                dir.resolve("out"), ProgressListener.NONE).stats();
        assertThat(stats.documentsRead()).isEqualTo(14);
        assertThat(stats.badInput()).containsEntry("invalid-json", 3L).containsEntry("missing-text", 2L)
                .containsEntry("empty-document", 1L).containsEntry("blank-line", 1L)
                .containsEntry("shorter-than-sample", 1L);
        assertThat(stats.documentsUsed()).isEqualTo(6);
        assertThat(stats.samples()).isPositive();
    }

    @Test
    void corpusOfShortDocumentsFailsWithAReasonNamingTheFix(@TempDir Path dir) throws IOException {
        List<String> lines = List.of(TestCorpora.jsonLine("In the beginning."), TestCorpora.jsonLine(docs.get(0).substring(0, 500)));
        Path corpus = TestCorpora.write(dir.resolve("short.jsonl"), lines, false);
        assertThatThrownBy(() -> new Segmenter().run(settings("longrecipe").build(), corpus, TOKENIZER, dir.resolve("out"),
                ProgressListener.NONE))
                .isInstanceOf(UnusableCorpusException.class)
                .hasMessageContaining("shorter than one sample needs (1024 tokens")
                .hasMessageContaining("the longest has")
                .hasMessageContaining("lower ratio / targetLength");
        assertThat(dir.resolve("out/stats.json")).exists();
    }

    @Test
    void corpusThatIsNotJsonlFailsWithAReasonNamingTheFix(@TempDir Path dir) throws IOException {
        Path corpus = TestCorpora.write(dir.resolve("plain.txt"), List.of("just text", "more text"), false);
        assertThatThrownBy(() -> new Segmenter().run(settings("flt").build(), corpus, TOKENIZER, dir.resolve("out"),
                ProgressListener.NONE))
                .isInstanceOf(UnusableCorpusException.class)
                .hasMessageContaining("2 invalid-json").hasMessageContaining("must be JSONL");
    }

    @Test
    void tokenizerThatDoesNotLoadIsAClearError(@TempDir Path dir) throws IOException {
        Path corpus = goodCorpus(dir, false);
        Path broken = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 3}");
        assertThatThrownBy(() -> new Segmenter().run(settings("rpes").build(), corpus, broken, dir.resolve("out"),
                ProgressListener.NONE))
                .isInstanceOf(TokenizerLoadException.class).hasMessageContaining(broken.toString());
    }

    @Test
    void anAttemptFolderIsNeverOverwritten(@TempDir Path dir) throws IOException {
        Path corpus = goodCorpus(dir, false);
        new Segmenter().run(settings("rpes").build(), corpus, TOKENIZER, dir.resolve("out"), ProgressListener.NONE);
        assertThatThrownBy(() -> new Segmenter().run(settings("rpes").build(), corpus, TOKENIZER, dir.resolve("out"),
                ProgressListener.NONE)).hasMessageContaining("new attempt folder");
    }

    @Test
    void posTypeAnchorsSelectSentencesEndToEnd(@TempDir Path dir) throws IOException {
        // the OpenNLP tagger runs at ~15k words/s per core: keep this corpus small
        List<String> lines = new ArrayList<>();
        for (String d : docs.subList(0, 3)) {
            lines.add(TestCorpora.jsonLine(d));
        }
        Path corpus = TestCorpora.write(dir.resolve("small.jsonl"), lines, false);
        SegmenterStats stats = new Segmenter().run(settings("longrecipe").anchorRule("pos-types")
                .anchorTypes(Set.of("NUM")).build(), corpus, TOKENIZER, dir.resolve("paper"), ProgressListener.NONE).stats();
        // Genesis counts ages and years in words ("nine hundred and thirty years"): some, not all, sentences
        assertThat(stats.anchorHitRate()).isBetween(0.02, 0.8);
        assertThat(stats.samples()).isPositive();
    }

    @Test
    void releasedCodeOptionMakesOneUnfilledSamplePerDocument(@TempDir Path dir) throws IOException {
        SegmenterResult released = new Segmenter().run(settings("longrecipe").releasedCode(true).build(),
                goodCorpus(dir, false), TOKENIZER, dir.resolve("released"), ProgressListener.NONE);
        assertThat(released.stats().samples()).isEqualTo(docs.size());
        assertThat(released.stats().tokensShortOfSampleLength()).isPositive(); // no fill
        assertThat(readAll(released)).allMatch(s -> s.length() < 1024);
    }

    @Test
    void explainShowsDecodedSentencesWithTheirPositions(@TempDir Path dir) throws IOException {
        SegmenterResult result = new Segmenter().run(settings("longrecipe").build(), goodCorpus(dir, false), TOKENIZER,
                dir.resolve("out"), ProgressListener.NONE);
        String text = new Segmenter().explain(result.outDir(), 2, TOKENIZER);
        assertThat(text).contains("== sample 0 (shard-00000.bin): 1024 tokens, positions 0…", "== sample 1")
                .doesNotContain("== sample 2");
        Sample first = readAll(result).get(0);
        // the first line of sample 0 is its first run of consecutive positions
        int end = 1;
        while (first.positionIds()[end] == first.positionIds()[end - 1] + 1) {
            end++;
        }
        assertThat(text).contains(String.format("[%6d – %6d]", 0, end - 1));
        assertThat(text).contains("God");
    }

    @Test
    void statsAreThoseOfTheEpoch0DrawsTheTrainerMakesAndLaterEpochsDrawAfresh(@TempDir Path dir) throws IOException {
        SegmenterResult result = new Segmenter().run(settings("longrecipe").build(), goodCorpus(dir, false), TOKENIZER,
                dir.resolve("out"), ProgressListener.NONE);
        List<Sample> epoch0 = draw(result, 0);
        List<Sample> epoch1 = draw(result, 1);
        SegmenterStats stats = result.stats();
        assertThat(epoch0).hasSize((int) stats.samples());
        assertThat(epoch0.stream().mapToLong(Sample::length).sum()).isEqualTo(stats.tokens());
        double meanDistance = epoch0.stream().mapToDouble(x -> PositionStatistics.meanPairDistance(x.positionIds()))
                .average().orElseThrow();
        assertThat(stats.avgTokenDistance()).isCloseTo(meanDistance, within(1e-9));
        assertThat(Files.readString(result.manifest())).contains("\"formatVersion\" : 2", "\"seed\" : 7");
        for (int i = 0; i < epoch0.size(); i++) {
            assertThat(epoch1.get(i).positionIds()).as("sample %d in epoch 1", i)
                    .isNotEqualTo(epoch0.get(i).positionIds());
        }
        assertThat(draw(result, 1).get(0).positionIds()).as("the same (epoch, sample) is drawn the same")
                .isEqualTo(epoch1.get(0).positionIds());
    }

    @Test
    void everySampleOfEveryMethodStartsWithBosAtPositionZeroWhenTheModelHasOneAndOnlyThen(@TempDir Path dir)
            throws IOException {
        List<String> lines = new ArrayList<>();
        for (String d : docs.subList(0, 6)) {
            lines.add(TestCorpora.jsonLine(d));
        }
        Path corpus = TestCorpora.write(dir.resolve("six.jsonl"), lines, false);
        int window = 1024;
        int bos = 1; // "<s>" of the fixture tokenizer: never produced from text
        for (String method : List.of("longrecipe", "longrecipe-random", "pose", "rpes", "flt", "released-code")) {
            boolean released = method.equals("released-code");
            for (boolean withBos : new boolean[] {true, false}) {
                SegmenterSettings s = settings(released ? "longrecipe" : method).releasedCode(released)
                        .targetLength(window).bosTokenId(withBos ? bos : -1).build();
                SegmenterResult result = new Segmenter().run(s, corpus, TOKENIZER,
                        dir.resolve(method + "-" + withBos), ProgressListener.NONE);
                int length = method.equals("flt") ? window : s.sampleLength();
                for (long epoch = 0; epoch < 2; epoch++) {
                    List<Sample> samples = draw(result, epoch);
                    assertThat(samples).as(method).isNotEmpty();
                    for (Sample sample : samples) {
                        String what = method + (withBos ? " with" : " without") + " BOS, epoch " + epoch;
                        PositionInvariants.assertStrictlyIncreasingWithinWindow(sample.positionIds(), window);
                        if (released) {
                            assertThat(sample.length()).as(what).isBetween(2, length);
                        } else {
                            assertThat(sample.length()).as(what).isEqualTo(length);
                        }
                        long bosCount = Arrays.stream(sample.inputIds()).filter(id -> id == bos).count();
                        if (withBos) {
                            assertThat(sample.inputIds()[0]).as(what).isEqualTo(bos);
                            assertThat(sample.positionIds()[0]).as(what).isZero();
                            assertThat(sample.positionIds()[1]).as(what).isPositive();
                            assertThat(bosCount).as(what).isEqualTo(1);
                        } else {
                            assertThat(bosCount).as(what).isZero();
                        }
                    }
                }
            }
        }
    }
}
