package dev.longrecipe.trainer.data;

import java.util.List;

/** Reads all samples of one shard (a shard is the unit held in memory). */
@FunctionalInterface
public interface ShardLoader {
    List<TrainingSample> load(ShardInfo shard);
}
