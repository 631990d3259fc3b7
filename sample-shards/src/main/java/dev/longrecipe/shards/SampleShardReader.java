package dev.longrecipe.shards;


import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

/**
 * Streams the records of one shard (SAMPLE_FORMAT.md): built samples of a version-1 shard through {@link #iterator()},
 * sample sources of a version-2 shard through {@link #sources()}. {@link #open} checks the header and the CRC32C of
 * the whole file (one sequential pass) before any record is handed out, so a corrupt shard never feeds the trainer;
 * each record is then checked as it is read (positions against the reader's window, a span's sentence offsets).
 * Memory is one record at a time.
 */
public final class SampleShardReader implements Iterable<ShardSample>, AutoCloseable {

    private final Path file;
    private final int positionWindow;
    private final InputStream in;
    private final ShardHeader header;
    private long read;
    private boolean iteratorTaken;

    /**
     * The header fields of a shard; {@code samples} counts records, {@code tokens} their tokens (span tokens in
     * version 2); {@code maxSpanTokens} is 0 in version 1.
     */
    public record ShardHeader(int version, int dtype, int flags, long samples, long tokens, int maxSequenceLength,
                              int positionWindow, int maxSpanTokens) {
        public boolean fixedLength() {
            return (flags & ShardFormat.FLAG_FIXED_LENGTH) != 0;
        }

        public boolean holdsSources() {
            return version == ShardFormat.SAMPLE_SOURCES;
        }
    }

    private SampleShardReader(Path file, int positionWindow, InputStream in, ShardHeader header) {
        this.file = file;
        this.positionWindow = positionWindow;
        this.in = in;
        this.header = header;
    }

    /**
     * Opens {@code file} for a consumer whose model accepts positions in [0, {@code positionWindow}).
     *
     * @throws ShardFormatException if the file is not a shard, is truncated, fails its checksum, or was
     *                              written for a larger window than {@code positionWindow}
     */
    public static SampleShardReader open(Path file, int positionWindow) {
        try {
            long size = Files.size(file);
            if (size < ShardFormat.HEADER_BYTES + ShardFormat.TRAILER_BYTES) {
                throw new ShardFormatException("shard " + file + " is " + size + " bytes, shorter than a header and"
                        + " trailer; it is truncated — re-run the segmenter stage to regenerate it");
            }
            verifyChecksum(file, size);
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
            ShardHeader header = parseHeader(file, in.readNBytes(ShardFormat.HEADER_BYTES));
            if (header.positionWindow() > positionWindow) {
                in.close();
                throw new ShardFormatException("shard " + file + " was written for a target window L′ = "
                        + header.positionWindow() + " but the reader was configured for " + positionWindow
                        + "; train with the same L′ as the segmenter run (or re-segment with L′ = " + positionWindow + ")");
            }
            return new SampleShardReader(file, positionWindow, in, header);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shard " + file, e);
        }
    }

    public ShardHeader header() {
        return header;
    }

    /** The built samples of a version-1 shard. */
    @Override
    public Iterator<ShardSample> iterator() {
        return records(ShardFormat.BUILT_SAMPLES, this::readSample);
    }

    /** The sample sources of a version-2 shard (the segmenter's output). */
    public Iterable<SampleSource> sources() {
        return () -> records(ShardFormat.SAMPLE_SOURCES, this::readSource);
    }

    private <T> Iterator<T> records(int version, Supplier<T> readOne) {
        if (header.version() != version) {
            throw new ShardFormatException("shard " + file + " holds " + (header.holdsSources()
                    ? "sample sources (format version 2, the segmenter's output), not built samples"
                    : "built samples (format version 1), not sample sources; it was written by an older segmenter or"
                    + " is a packed replay set — re-run the segmenter to get sample sources"));
        }
        if (iteratorTaken) {
            throw new IllegalStateException("a shard reader streams once; open the shard again to re-read it");
        }
        iteratorTaken = true;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return read < header.samples();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return readOne.get();
            }
        };
    }

    private SampleSource readSource() {
        try {
            ByteBuffer head = ByteBuffer.wrap(readFully(20)).order(ByteOrder.LITTLE_ENDIAN);
            long document = head.getLong();
            int spanIndex = head.getInt();
            int n = head.getInt();
            int s = head.getInt();
            if (document < 0 || spanIndex < 0 || n < 1 || n > header.maxSpanTokens() || s < 1 || s > n) {
                throw new ShardFormatException("shard " + file + ", record " + read + ": document " + document
                        + ", span " + spanIndex + ", " + n + " tokens, " + s + " sentences is not a valid span (at most "
                        + header.maxSpanTokens() + " tokens, 1 … n sentences)");
            }
            ByteBuffer body = ByteBuffer.wrap(readFully(4 * n + 5 * s)).order(ByteOrder.LITTLE_ENDIAN);
            int[] tokens = new int[n];
            int[] starts = new int[s + 1];
            boolean[] anchor = new boolean[s];
            body.asIntBuffer().get(tokens);
            body.position(4 * n);
            body.asIntBuffer().get(starts, 0, s);
            body.position(4 * n + 4 * s);
            starts[s] = n;
            for (int i = 0; i < s; i++) {
                byte a = body.get();
                if ((a != 0 && a != 1) || starts[i] >= starts[i + 1] || (i == 0 && starts[0] != 0)) {
                    throw new ShardFormatException("shard " + file + ", record " + read + ", sentence " + i
                            + ": sentence offsets must start at 0 and increase strictly below " + n
                            + ", anchor flags must be 0 or 1");
                }
                anchor[i] = a == 1;
            }
            read++;
            return new SampleSource(new Document(document, tokens, starts, anchor), spanIndex);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shard " + file, e);
        }
    }

    private ShardSample readSample() {
        try {
            int n = ByteBuffer.wrap(readFully(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (n < 1 || n > header.maxSequenceLength()) {
                throw new ShardFormatException("shard " + file + ", sample " + read + ": length " + n
                        + " is outside [1, " + header.maxSequenceLength() + "]");
            }
            ByteBuffer body = ByteBuffer.wrap(readFully(8 * n)).order(ByteOrder.LITTLE_ENDIAN);
            int[] ids = new int[n];
            int[] positions = new int[n];
            body.asIntBuffer().get(ids);
            body.position(4 * n);
            body.asIntBuffer().get(positions);
            for (int i = 0; i < n; i++) {
                if (positions[i] < 0 || positions[i] >= positionWindow) {
                    throw new ShardFormatException("shard " + file + ", sample " + read + ", token " + i + ": position "
                            + positions[i] + " is outside the configured window [0, " + positionWindow + ")");
                }
            }
            read++;
            return new ShardSample(ids, positions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shard " + file, e);
        }
    }

    private byte[] readFully(int bytes) throws IOException {
        byte[] b = in.readNBytes(bytes);
        if (b.length != bytes) {
            throw new ShardFormatException("shard " + file + " ends inside sample " + read + "; it is truncated"
                    + " — re-run the segmenter stage to regenerate it", new EOFException());
        }
        return b;
    }

    private static void verifyChecksum(Path file, long size) throws IOException {
        CRC32C crc = new CRC32C();
        long payload = size - ShardFormat.TRAILER_BYTES;
        byte[] trailer;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 20];
            long left = payload;
            while (left > 0) {
                int r = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (r < 0) {
                    throw new EOFException();
                }
                crc.update(chunk, 0, r);
                left -= r;
            }
            trailer = in.readNBytes(ShardFormat.TRAILER_BYTES);
        }
        int stored = ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int actual = (int) crc.getValue();
        if (stored != actual) {
            throw new ShardFormatException(String.format("shard %s fails its CRC32C check (stored %08x, computed %08x):"
                    + " the file is corrupt or was not closed by its writer — re-run the segmenter stage to"
                    + " regenerate it", file, stored, actual));
        }
    }

    private static ShardHeader parseHeader(Path file, byte[] bytes) {
        ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[ShardFormat.MAGIC.length];
        h.get(magic);
        if (!Arrays.equals(magic, ShardFormat.MAGIC)) {
            throw new ShardFormatException("file " + file + " is not a LongRecipe sample shard (magic bytes differ);"
                    + " point the reader at the shard-NNNNN.bin files of a segmenter output");
        }
        int version = Short.toUnsignedInt(h.getShort());
        int dtype = Short.toUnsignedInt(h.getShort());
        if (version != ShardFormat.BUILT_SAMPLES && version != ShardFormat.SAMPLE_SOURCES) {
            throw new ShardFormatException("shard " + file + " has format version " + version + " but this reader reads"
                    + " versions " + ShardFormat.BUILT_SAMPLES + " and " + ShardFormat.SAMPLE_SOURCES
                    + "; use a matching segmenter-core version");
        }
        if (dtype != ShardFormat.DTYPE_INT32) {
            throw new ShardFormatException("shard " + file + " has dtype code " + dtype + "; only 1 (int32) is defined");
        }
        int flags = h.getInt();
        long samples = h.getLong();
        long tokens = h.getLong();
        int maxSequenceLength = h.getInt();
        int window = h.getInt();
        int maxSpanTokens = version == ShardFormat.SAMPLE_SOURCES ? h.getInt() : 0;
        return new ShardHeader(version, dtype, flags, samples, tokens, maxSequenceLength, window, maxSpanTokens);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close shard " + file, e);
        }
    }
}
