package dev.longrecipe.trainer.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeded order in which a phase visits its samples: epoch after epoch, the shards in a shuffled order and the
 * samples of each shard in a shuffled order. Everything is a pure function of (seed, epoch, shard), so the sample
 * at any cursor (samples consumed so far in the phase) can be located without replaying the ones before it — which
 * is what resuming from a checkpoint needs. Only one shard is held in memory at a time.
 */
public final class SampleOrder {

    private final List<ShardInfo> shards;
    private final long seed;
    private final long samplesPerEpoch;

    /** @param shards the phase's shards in a canonical order (sorted by file name) */
    public SampleOrder(List<ShardInfo> shards, long seed) {
        if (shards.isEmpty()) {
            throw new InvalidSampleException("no sample shards to train on; the samples folder is empty");
        }
        this.shards = List.copyOf(shards);
        this.seed = seed;
        this.samplesPerEpoch = shards.stream().mapToLong(ShardInfo::samples).sum();
    }

    public long samplesPerEpoch() {
        return samplesPerEpoch;
    }

    public List<ShardInfo> shards() {
        return shards;
    }

    /** Where the sample at {@code cursor} comes from: epoch, position of its shard in that epoch's order, sample. */
    public Location locate(long cursor) {
        if (cursor < 0) {
            throw new IllegalArgumentException("cursor must be non-negative but was " + cursor);
        }
        long epoch = cursor / samplesPerEpoch;
        long rest = cursor % samplesPerEpoch;
        int[] shardOrder = shardOrder(epoch);
        for (int k = 0; k < shardOrder.length; k++) {
            int n = shards.get(shardOrder[k]).samples();
            if (rest < n) {
                return new Location(epoch, k, (int) rest);
            }
            rest -= n;
        }
        throw new IllegalStateException("cursor " + cursor + " not inside epoch " + epoch);
    }

    /** Shard indices (into {@link #shards()}) in the order epoch {@code epoch} visits them. */
    public int[] shardOrder(long epoch) {
        return permutation(shards.size(), mix(seed, epoch, -1));
    }

    /** Sample indices of shard {@code shardIndex} in the order epoch {@code epoch} visits them. */
    public int[] sampleOrder(long epoch, int shardIndex) {
        return permutation(shards.get(shardIndex).samples(), mix(seed, epoch, shardIndex));
    }

    /** Position of a sample in the phase's order. */
    public record Location(long epoch, int shardRank, int sampleRank) {
    }

    /** A uniformly random permutation of 0…n−1 (Fisher–Yates) from a fixed seed. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Derives an independent seed per (epoch, shard) from the phase seed (SplitMix64 finaliser). */
    static long mix(long seed, long epoch, long shard) {
        long z = seed;
        for (long v : new long[] {epoch, shard}) {
            z += 0x9E3779B97F4A7C15L + v;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
        }
        return z;
    }
}
