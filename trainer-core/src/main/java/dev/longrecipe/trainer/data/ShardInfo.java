package dev.longrecipe.trainer.data;

import java.nio.file.Path;

/** One sample shard file and how many samples it holds (read from its header, not its body). */
public record ShardInfo(Path file, int samples) {
    public ShardInfo {
        if (samples <= 0) {
            throw new InvalidSampleException("sample shard " + file + " holds no samples; an empty shard is not a"
                    + " valid segmenter output. Re-run the segmenter, or remove the file from the samples folder.");
        }
    }

    public String name() {
        return file.getFileName().toString();
    }
}
