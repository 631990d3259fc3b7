package dev.longrecipe.shards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleShardTest {

    static List<ShardSample> randomSamples(int count, int maxLength, int window, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<ShardSample> samples = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int n = 1 + rng.nextInt(maxLength);
            int[] ids = new int[n];
            int[] pos = increasingPositions(rng, n, window);
            for (int i = 0; i < n; i++) {
                ids[i] = rng.nextInt(50_000);
            }
            samples.add(new ShardSample(ids, pos));
        }
        return samples;
    }

    /** {@code n} distinct positions in [0, window), increasing: each value is kept with probability needed / left. */
    private static int[] increasingPositions(SplittableRandom rng, int n, int window) {
        int[] positions = new int[n];
        int kept = 0;
        for (int value = 0; kept < n; value++) {
            if (rng.nextInt(window - value) < n - kept) {
                positions[kept++] = value;
            }
        }
        return positions;
    }

    static Path write(Path file, List<ShardSample> samples, int maxLength, int window) {
        try (SampleShardWriter writer = new SampleShardWriter(file, maxLength, window)) {
            samples.forEach(writer::write);
        }
        return file;
    }

    @Test
    void samplesRoundTripWithHeaderCounts(@TempDir Path dir) {
        List<ShardSample> samples = randomSamples(50, 300, 1000, 1);
        Path file = write(dir.resolve("shard-00000.bin"), samples, 300, 1000);
        try (SampleShardReader reader = SampleShardReader.open(file, 1000)) {
            assertThat(reader.header().samples()).isEqualTo(50);
            assertThat(reader.header().tokens()).isEqualTo(samples.stream().mapToLong(ShardSample::length).sum());
            assertThat(reader.header().maxSequenceLength()).isEqualTo(300);
            assertThat(reader.header().positionWindow()).isEqualTo(1000);
            assertThat(reader.header().fixedLength()).isFalse();
            int i = 0;
            for (ShardSample read : reader) {
                assertThat(read.inputIds()).isEqualTo(samples.get(i).inputIds());
                assertThat(read.positionIds()).isEqualTo(samples.get(i).positionIds());
                i++;
            }
            assertThat(i).isEqualTo(50);
        }
    }

    @Test
    void fixedLengthFlagIsSetWhenEverySampleIsFull(@TempDir Path dir) {
        List<ShardSample> samples = List.of(new ShardSample(new int[] {1, 2, 3}, new int[] {0, 5, 9}),
                new ShardSample(new int[] {4, 5, 6}, new int[] {0, 1, 2}));
        Path file = write(dir.resolve("s.bin"), samples, 3, 10);
        try (SampleShardReader reader = SampleShardReader.open(file, 10)) {
            assertThat(reader.header().fixedLength()).isTrue();
        }
    }

    @Test
    void flippedByteFailsTheChecksumWithAClearError(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("shard-00000.bin"), randomSamples(20, 100, 500, 2), 100, 500);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(ShardFormat.HEADER_BYTES + 37);
            int b = raf.read();
            raf.seek(ShardFormat.HEADER_BYTES + 37);
            raf.write(b ^ 0x10);
        }
        assertThatThrownBy(() -> SampleShardReader.open(file, 500))
                .isInstanceOf(ShardFormatException.class)
                .hasMessageContaining("CRC32C").hasMessageContaining("shard-00000.bin").hasMessageContaining("re-run");
    }

    @Test
    void truncatedOrForeignFilesAreRejected(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("a.bin"), randomSamples(5, 100, 500, 3), 100, 500);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("b.bin"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> SampleShardReader.open(truncated, 500)).isInstanceOf(ShardFormatException.class)
                .hasMessageContaining("CRC32C");
        Path foreign = Files.write(dir.resolve("c.bin"), new byte[100]);
        assertThatThrownBy(() -> SampleShardReader.open(foreign, 500)).isInstanceOf(ShardFormatException.class);
        Path tiny = Files.write(dir.resolve("d.bin"), new byte[10]);
        assertThatThrownBy(() -> SampleShardReader.open(tiny, 500)).hasMessageContaining("truncated");
    }

    @Test
    void readerConfiguredForASmallerWindowRefusesTheShard(@TempDir Path dir) {
        Path file = write(dir.resolve("a.bin"), randomSamples(5, 100, 500, 4), 100, 500);
        assertThatThrownBy(() -> SampleShardReader.open(file, 400))
                .isInstanceOf(ShardFormatException.class)
                .hasMessageContaining("L′ = 500").hasMessageContaining("400");
    }

    @Test
    void writerRefusesPositionsOutsideTheWindowAndOverlongSamples(@TempDir Path dir) {
        try (SampleShardWriter writer = new SampleShardWriter(dir.resolve("a.bin"), 3, 10)) {
            assertThatThrownBy(() -> writer.write(new ShardSample(new int[] {1}, new int[] {10})))
                    .hasMessageContaining("outside the window");
            assertThatThrownBy(() -> writer.write(new ShardSample(new int[4], new int[] {0, 1, 2, 3})))
                    .hasMessageContaining("does not fit");
        }
    }

    @Test
    void sampleSourcesRoundTripWithTheirSentencesAndAnchors(@TempDir Path dir) {
        List<SampleSource> sources = List.of(
                new SampleSource(new Document(12, new int[] {5, 6, 7, 8, 9}, new int[] {0, 2, 5},
                        new boolean[] {true, false}), 0),
                new SampleSource(new Document(12, new int[] {10}, new int[] {0, 1}, new boolean[] {false}), 1),
                new SampleSource(new Document(40_000_000_000L, new int[] {1, 2, 3}, new int[] {0, 1, 2, 3},
                        new boolean[] {false, true, true}), 7));
        Path file = dir.resolve("shard-00000.bin");
        try (SampleShardWriter writer = SampleShardWriter.forSources(file, 4, 100)) {
            sources.forEach(writer::write);
            writer.close();
            assertThat(writer.summary().tokens()).isEqualTo(9);
        }
        try (SampleShardReader reader = SampleShardReader.open(file, 100)) {
            assertThat(reader.header().version()).isEqualTo(ShardFormat.SAMPLE_SOURCES);
            assertThat(reader.header().holdsSources()).isTrue();
            assertThat(reader.header().maxSpanTokens()).isEqualTo(5);
            assertThat(reader.header().maxSequenceLength()).isEqualTo(4);
            List<SampleSource> read = new ArrayList<>();
            reader.sources().forEach(read::add);
            assertThat(read).hasSize(3);
            for (int i = 0; i < 3; i++) {
                Document want = sources.get(i).span();
                Document got = read.get(i).span();
                assertThat(got.index()).isEqualTo(want.index());
                assertThat(read.get(i).spanIndex()).isEqualTo(sources.get(i).spanIndex());
                assertThat(got.tokens()).isEqualTo(want.tokens());
                assertThat(got.sentenceStarts()).isEqualTo(want.sentenceStarts());
                assertThat(got.anchor()).isEqualTo(want.anchor());
            }
        }
    }

    @Test
    void eachVersionIsReadOnlyAsWhatItHolds(@TempDir Path dir) {
        Path built = write(dir.resolve("built.bin"), randomSamples(3, 10, 50, 5), 10, 50);
        Path sources = dir.resolve("sources.bin");
        try (SampleShardWriter writer = SampleShardWriter.forSources(sources, 4, 50)) {
            writer.write(new SampleSource(new Document(0, new int[] {1, 2}, new int[] {0, 2}, new boolean[1]), 0));
            assertThatThrownBy(() -> writer.write(new ShardSample(new int[] {1}, new int[] {0})))
                    .hasMessageContaining("version-1");
        }
        try (SampleShardReader reader = SampleShardReader.open(built, 50)) {
            assertThatThrownBy(() -> reader.sources().iterator()).isInstanceOf(ShardFormatException.class)
                    .hasMessageContaining("built.bin").hasMessageContaining("re-run the segmenter");
        }
        try (SampleShardReader reader = SampleShardReader.open(sources, 50)) {
            assertThatThrownBy(reader::iterator).isInstanceOf(ShardFormatException.class)
                    .hasMessageContaining("sample sources");
        }
    }
}
