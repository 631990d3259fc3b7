package dev.longrecipe.shards;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes shard-00000.bin, shard-00001.bin … in a folder, starting a new shard every N samples: sample sources (format
 * version 2, {@link #ofSources}) or built samples (version 1, {@link #ofSamples}).
 */
public final class ShardSetWriter implements AutoCloseable {

    private final Path dir;
    private final int samplesPerShard;
    private final Function<Path, SampleShardWriter> newShard;
    private final List<ShardSummary> finished = new ArrayList<>();
    private SampleShardWriter current;

    private ShardSetWriter(Path dir, int samplesPerShard, Function<Path, SampleShardWriter> newShard) {
        this.dir = dir;
        this.samplesPerShard = samplesPerShard;
        this.newShard = newShard;
    }

    /**
     * Shards of sample sources, as the segmenter writes them.
     *
     * @param maxSequenceLength longest sample drawn from a source (Ls; L′ for FLT)
     * @param positionWindow    L′
     */
    public static ShardSetWriter ofSources(Path dir, int samplesPerShard, int maxSequenceLength, int positionWindow) {
        return new ShardSetWriter(dir, samplesPerShard,
                file -> SampleShardWriter.forSources(file, maxSequenceLength, positionWindow));
    }

    /** Shards of built samples, trained on as they are (the trainer's replay blocks). */
    public static ShardSetWriter ofSamples(Path dir, int samplesPerShard, int maxSequenceLength, int positionWindow) {
        return new ShardSetWriter(dir, samplesPerShard,
                file -> new SampleShardWriter(file, maxSequenceLength, positionWindow));
    }

    public void write(SampleSource source) {
        current().write(source);
        finishIfFull();
    }

    public void write(ShardSample sample) {
        current().write(sample);
        finishIfFull();
    }

    private SampleShardWriter current() {
        if (current == null) {
            current = newShard.apply(dir.resolve(ShardFormat.shardFileName(finished.size())));
        }
        return current;
    }

    private void finishIfFull() {
        if (current.samples() == samplesPerShard) {
            finishCurrent();
        }
    }

    private void finishCurrent() {
        current.close();
        finished.add(current.summary());
        current = null;
    }

    /** The shards written so far (complete after close). */
    public List<ShardSummary> shards() {
        return List.copyOf(finished);
    }

    @Override
    public void close() {
        if (current != null) {
            finishCurrent();
        }
    }
}
