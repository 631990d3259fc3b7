package dev.longrecipe.trainer.data;

import dev.longrecipe.draw.SamplesManifest;
import dev.longrecipe.draw.sample.SpanSampler;
import dev.longrecipe.shards.SampleShardWriter;
import dev.longrecipe.shards.ShardFormat;
import dev.longrecipe.shards.ShardSample;
import dev.longrecipe.trainer.testing.TinyTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static dev.longrecipe.trainer.testing.TinyTraining.L_PRIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trainer's sample source: the segmenter's spans, drawn afresh for every epoch; built samples as they are. */
class ShardDirectoryTest {
    @TempDir
    Path tmp;

    private static ShardDirectory open(Path samples) {
        return ShardDirectory.open(samples, L_PRIME, () -> SpanSampler.of(SamplesManifest.settings(samples)));
    }

    @Test
    void twoEpochsDrawDifferentPositionsAndSelectionFromTheSameSpans() {
        ShardDirectory samples = open(TinyTraining.samples(tmp.resolve("samples"), 2, 4, 60, L_PRIME, 5));
        for (ShardInfo shard : samples.shards()) {
            List<TrainingSample> epoch0 = samples.load(shard, 0);
            List<TrainingSample> epoch1 = samples.load(shard, 1);
            for (int i = 0; i < shard.samples(); i++) {
                assertThat(epoch1.get(i).positionIds()).as("positions of sample %d", i)
                        .isNotEqualTo(epoch0.get(i).positionIds());
                assertThat(epoch1.get(i).inputIds()).as("selection of sample %d", i)
                        .isNotEqualTo(epoch0.get(i).inputIds());
                assertThat(epoch1.get(i).length()).isEqualTo(epoch0.get(i).length()).isEqualTo(60);
            }
        }
    }

    @Test
    void theSameEpochAndSampleAlwaysGiveTheSameTrainingSample() {
        Path dir = TinyTraining.samples(tmp.resolve("samples"), 2, 3, 60, L_PRIME, 6);
        ShardDirectory once = open(dir);
        ShardDirectory again = open(dir);
        for (long epoch : new long[] {0, 4, 1, 4}) {
            for (ShardInfo shard : once.shards()) {
                List<TrainingSample> a = once.load(shard, epoch);
                List<TrainingSample> b = again.load(shard, epoch);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(b.get(i).inputIds()).isEqualTo(a.get(i).inputIds());
                    assertThat(b.get(i).positionIds()).isEqualTo(a.get(i).positionIds());
                }
            }
        }
    }

    @Test
    void everySampleStartsWithBosAtPositionZeroWhenTheModelHasOneAndNotOtherwise() {
        for (String method : List.of("longrecipe-random", "pose", "rpes")) {
            for (boolean withBos : new boolean[] {true, false}) {
                ShardDirectory samples = open(TinyTraining.samples(tmp.resolve(method + withBos), method,
                        withBos ? OptionalInt.of(TinyTraining.BOS) : OptionalInt.empty(), 1, 5, 50, L_PRIME, 7));
                for (long epoch = 0; epoch < 3; epoch++) {
                    for (TrainingSample s : samples.load(samples.shards().get(0), epoch)) {
                        assertThat(s.length()).isEqualTo(50);
                        // the tiny spans hold ids 3…252: id 1 can only be the BOS
                        assertThat(s.inputIds()[0] == TinyTraining.BOS).as(method + " starts with BOS")
                                .isEqualTo(withBos);
                        if (withBos) {
                            assertThat(s.positionIds()[0]).isZero();
                            assertThat(s.positionIds()[1]).isPositive();
                        }
                    }
                }
            }
        }
    }

    @Test
    void builtSampleShardsGiveTheSameSamplesInEveryEpoch() {
        Path dir = tmp.resolve("built");
        try (SampleShardWriter w = new SampleShardWriter(mkdirs(dir).resolve(ShardFormat.shardFileName(0)), 3, L_PRIME)) {
            w.write(new ShardSample(new int[] {1, 5, 6}, new int[] {0, 7, 9}));
        }
        ShardDirectory built = ShardDirectory.open(dir, L_PRIME,
                () -> { throw new AssertionError("a folder of built samples needs no sampler"); });
        for (long epoch = 0; epoch < 3; epoch++) {
            TrainingSample s = built.load(built.shards().get(0), epoch).get(0);
            assertThat(s.inputIds()).containsExactly(1, 5, 6);
            assertThat(s.positionIds()).containsExactly(0, 7, 9);
        }
    }

    @Test
    void sampleSourcesWhereBuiltSamplesBelongAreRefused() {
        Path dir = TinyTraining.samples(tmp.resolve("samples"), 1, 2, 40, L_PRIME, 3);
        assertThatThrownBy(() -> ShardDirectory.open(dir, L_PRIME)).isInstanceOf(InvalidSampleException.class)
                .hasMessageContaining("sample sources");
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
