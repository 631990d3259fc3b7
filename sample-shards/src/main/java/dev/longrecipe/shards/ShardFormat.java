package dev.longrecipe.shards;

import java.nio.charset.StandardCharsets;

/** Constants of the sample shard format; the specification is sample-shards/SAMPLE_FORMAT.md. */
public final class ShardFormat {

    public static final byte[] MAGIC = "LRSAMPLE".getBytes(StandardCharsets.US_ASCII);
    /** Version 1: built samples (input ids + position ids); the trainer's packed replay blocks. */
    public static final int BUILT_SAMPLES = 1;
    /** Version 2: sample sources (a document's span with its sentences and anchors); the segmenter's output. */
    public static final int SAMPLE_SOURCES = 2;
    /** dtype code 1: little-endian signed 32-bit integers for ids, positions and offsets. */
    public static final int DTYPE_INT32 = 1;
    /** flags bit 0 (version 1): every sample has exactly maxSequenceLength tokens. */
    public static final int FLAG_FIXED_LENGTH = 1;
    public static final int HEADER_BYTES = 48;
    public static final int TRAILER_BYTES = 4;

    private ShardFormat() {
    }

    /** File name of shard {@code index} in a stage output folder. */
    public static String shardFileName(int index) {
        return String.format("shard-%05d.bin", index);
    }
}
