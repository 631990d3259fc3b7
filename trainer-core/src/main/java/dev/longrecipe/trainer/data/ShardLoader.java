package dev.longrecipe.trainer.data;

import java.util.List;

/** Reads the samples of one shard in one epoch (a shard is the unit held in memory). */
@FunctionalInterface
public interface ShardLoader {
    /**
     * The shard's samples as epoch {@code epoch} trains on them, in record order: drawn afresh from their sources
     * for every epoch (the segmenter's shards), or the same every epoch (built samples: packed replay blocks).
     */
    List<TrainingSample> load(ShardInfo shard, long epoch);
}
