package dev.longrecipe.shards;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes sample sources into shard-00000.bin, shard-00001.bin … (format version 2) in a folder, starting a new shard
 * every N sources.
 */
public final class ShardSetWriter implements AutoCloseable {

    private final Path dir;
    private final int samplesPerShard;
    private final int maxSequenceLength;
    private final int positionWindow;
    private final List<ShardSummary> finished = new ArrayList<>();
    private SampleShardWriter current;

    /**
     * @param maxSequenceLength longest sample drawn from a source (Ls; L′ for FLT)
     * @param positionWindow    L′
     */
    public ShardSetWriter(Path dir, int samplesPerShard, int maxSequenceLength, int positionWindow) {
        this.dir = dir;
        this.samplesPerShard = samplesPerShard;
        this.maxSequenceLength = maxSequenceLength;
        this.positionWindow = positionWindow;
    }

    public void write(SampleSource source) {
        if (current == null) {
            current = SampleShardWriter.forSources(dir.resolve(ShardFormat.shardFileName(finished.size())),
                    maxSequenceLength, positionWindow);
        }
        current.write(source);
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
