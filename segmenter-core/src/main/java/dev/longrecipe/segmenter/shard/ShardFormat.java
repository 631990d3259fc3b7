package dev.longrecipe.segmenter.shard;

import java.nio.charset.StandardCharsets;

/** Constants of the sample shard format; the specification is segmenter-core/SAMPLE_FORMAT.md. */
public final class ShardFormat {

    public static final byte[] MAGIC = "LRSAMPLE".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    /** dtype code 1: little-endian signed 32-bit integers for both input ids and position ids. */
    public static final int DTYPE_INT32 = 1;
    /** flags bit 0: every sample has exactly maxSequenceLength tokens. */
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
