package dev.longrecipe.trainer.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleStreamTest {

    /** Shard s holds samples whose single token pair encodes (s, i), so a sample names its origin. */
    private static final List<ShardInfo> SHARDS = List.of(
            new ShardInfo(Path.of("a.shard"), 5), new ShardInfo(Path.of("b.shard"), 3),
            new ShardInfo(Path.of("c.shard"), 7));
    private static final SampleWindowCheck CHECK = new SampleWindowCheck(64, 10_000);

    private static final ShardLoader LOADER = (shard, epoch) -> {
        int s = SHARDS.indexOf(shard);
        List<TrainingSample> out = new ArrayList<>();
        for (int i = 0; i < shard.samples(); i++) {
            out.add(TrainingSample.contiguous(new int[] {s * 100 + i, 0}));
        }
        return out;
    };

    private static List<Integer> take(SampleOrder order, long cursor, int n) {
        List<Integer> ids = new ArrayList<>();
        try (SampleStream stream = new SampleStream(order, LOADER, CHECK, cursor)) {
            for (int i = 0; i < n; i++) {
                ids.add(stream.next().inputIds()[0]);
            }
        }
        return ids;
    }

    @Test
    void everyEpochVisitsEverySampleExactlyOnce() {
        SampleOrder order = new SampleOrder(SHARDS, 7);
        List<Integer> two = take(order, 0, 30);
        assertThat(new HashSet<>(two.subList(0, 15))).hasSize(15);
        assertThat(new HashSet<>(two.subList(15, 30))).isEqualTo(new HashSet<>(two.subList(0, 15)));
        assertThat(two.subList(15, 30)).as("epochs are shuffled differently").isNotEqualTo(two.subList(0, 15));
    }

    @Test
    void startingAtACursorContinuesTheSameSequence() {
        SampleOrder order = new SampleOrder(SHARDS, 7);
        List<Integer> whole = take(order, 0, 40);
        for (int cursor : new int[] {1, 4, 5, 13, 15, 22}) {
            assertThat(take(order, cursor, 40 - cursor)).as("from cursor " + cursor)
                    .isEqualTo(whole.subList(cursor, 40));
        }
    }

    @Test
    void theSeedDecidesTheOrderAndIsReproducible() {
        assertThat(take(new SampleOrder(SHARDS, 7), 0, 15)).isEqualTo(take(new SampleOrder(SHARDS, 7), 0, 15));
        assertThat(take(new SampleOrder(SHARDS, 8), 0, 15)).isNotEqualTo(take(new SampleOrder(SHARDS, 7), 0, 15));
    }

    @Test
    void samplesKeepShardLocalityWithinAnEpoch() {
        List<Integer> epoch = take(new SampleOrder(SHARDS, 3), 0, 15);
        int changes = 0;
        for (int i = 1; i < epoch.size(); i++) {
            if (epoch.get(i) / 100 != epoch.get(i - 1) / 100) {
                changes++;
            }
        }
        assertThat(changes).as("one shard at a time: only two shard switches per epoch").isEqualTo(2);
    }

    @Test
    void emptyShardIsRefusedWithTheFile() {
        assertThatThrownBy(() -> new ShardInfo(Path.of("samples/empty.shard"), 0))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("samples/empty.shard")
                .hasMessageContaining("no samples");
    }

    @Test
    void sampleOutsideTheWindowIsRefusedWhenItsShardIsRead() {
        ShardLoader bad = (shard, epoch) -> List.of(new TrainingSample(new int[] {1, 2}, new int[] {0, 64}));
        SampleOrder order = new SampleOrder(List.of(new ShardInfo(Path.of("x.shard"), 1)), 1);
        assertThatThrownBy(() -> new SampleStream(order, bad, CHECK, 0).close())
                .isInstanceOf(InvalidSampleException.class)
                .hasMessageContaining("position id 64").hasMessageContaining("x.shard");
    }

    /** Like LOADER, but each sample's second token and its positions depend on the epoch that loads it. */
    private static final ShardLoader DRAWS = (shard, epoch) -> {
        int s = SHARDS.indexOf(shard);
        List<TrainingSample> out = new ArrayList<>();
        for (int i = 0; i < shard.samples(); i++) {
            out.add(new TrainingSample(new int[] {s * 100 + i, (int) epoch}, new int[] {0, 1 + (int) epoch}));
        }
        return out;
    };

    @Test
    void eachEpochGetsItsOwnDrawOfEverySampleAndAResumeMidEpochFindsTheSameDraws() {
        SampleOrder order = new SampleOrder(SHARDS, 7);
        List<TrainingSample> whole = new ArrayList<>();
        try (SampleStream stream = new SampleStream(order, DRAWS, CHECK, 0)) {
            for (int i = 0; i < 45; i++) {
                whole.add(stream.next());
            }
        }
        for (int i = 0; i < 45; i++) {
            assertThat(whole.get(i).inputIds()[1]).as("sample %d is drawn for its epoch", i).isEqualTo(i / 15);
        }
        for (int cursor : new int[] {6, 15, 22, 37}) { // mid-epoch and at an epoch's start
            try (SampleStream resumed = new SampleStream(order, DRAWS, CHECK, cursor)) {
                for (int i = cursor; i < 45; i++) {
                    TrainingSample s = resumed.next();
                    assertThat(s.inputIds()).as("cursor %d, sample %d", cursor, i).isEqualTo(whole.get(i).inputIds());
                    assertThat(s.positionIds()).isEqualTo(whole.get(i).positionIds());
                }
            }
        }
    }
}
