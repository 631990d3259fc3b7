package dev.longrecipe.trainer.data;

import dev.longrecipe.draw.sample.Sample;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.draw.sample.SpanSampler;
import dev.longrecipe.shards.SampleShardReader;
import dev.longrecipe.shards.ShardSample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The sample shards of a folder ({@code shard-NNNNN.bin}), read with segmenter-core's {@link SampleShardReader}
 * (header, CRC32C and position window checked on open). A shard of sample sources (format version 2, the segmenter's
 * output) gives every epoch its own samples, drawn by a {@link SpanSampler}; a shard of built samples (version 1: the
 * packed replay set, hand-built samples) gives the same samples in every epoch.
 */
public final class ShardDirectory implements ShardLoader {

    private final Path dir;
    private final int positionWindow;
    private final List<ShardInfo> shards;
    private final SpanSampler sampler;

    private ShardDirectory(Path dir, int positionWindow, List<ShardInfo> shards, SpanSampler sampler) {
        this.dir = dir;
        this.positionWindow = positionWindow;
        this.shards = shards;
        this.sampler = sampler;
    }

    /** A folder of built samples only (the packed replay set). */
    public static ShardDirectory open(Path dir, int positionWindow) {
        return open(dir, positionWindow, () -> {
            throw new InvalidSampleException("folder " + dir + " holds sample sources (shard format version 2) where"
                    + " built samples (version 1) were expected");
        });
    }

    /**
     * Lists the shards of {@code dir} in file-name order and reads each one's record count from its header;
     * {@code sampler} is asked for the sampler of the folder's sample sources if it holds any.
     */
    public static ShardDirectory open(Path dir, int positionWindow, Supplier<SpanSampler> sampler) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidSampleException("samples folder " + dir + " does not exist; point the trainer at the"
                    + " segmenter's output folder (shard-NNNNN.bin files)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("shard-") && n.endsWith(".bin") && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list samples folder " + dir, e);
        }
        if (files.isEmpty()) {
            throw new InvalidSampleException("samples folder " + dir + " has no shard-NNNNN.bin files; run the"
                    + " segmenter first (or check that its output was downloaded completely)");
        }
        List<ShardInfo> shards = new ArrayList<>();
        boolean sources = false;
        for (Path f : files) {
            try (SampleShardReader reader = SampleShardReader.open(f, positionWindow)) {
                long n = reader.header().samples();
                if (n > Integer.MAX_VALUE) {
                    throw new InvalidSampleException("shard " + f + " holds " + n + " samples; a shard must fit in"
                            + " memory (at most " + Integer.MAX_VALUE + " samples) — write smaller shards");
                }
                shards.add(new ShardInfo(f, (int) n));
                sources |= reader.header().holdsSources();
            }
        }
        return new ShardDirectory(dir, positionWindow, List.copyOf(shards), sources ? sampler.get() : null);
    }

    public List<ShardInfo> shards() {
        return shards;
    }

    public Path dir() {
        return dir;
    }

    /** Total samples per epoch, for sizing (from the headers). */
    public long samples() {
        return shards.stream().mapToLong(ShardInfo::samples).sum();
    }

    @Override
    public List<TrainingSample> load(ShardInfo shard, long epoch) {
        List<TrainingSample> out = new ArrayList<>(shard.samples());
        try (SampleShardReader reader = SampleShardReader.open(shard.file(), positionWindow)) {
            if (!reader.header().holdsSources()) {
                for (ShardSample s : reader) {
                    out.add(new TrainingSample(s.inputIds(), s.positionIds()));
                }
            } else {
                for (SampleSource source : reader.sources()) {
                    Sample s = sampler.sample(source, epoch);
                    out.add(new TrainingSample(s.inputIds(), s.positionIds()));
                }
            }
        }
        return out;
    }
}
