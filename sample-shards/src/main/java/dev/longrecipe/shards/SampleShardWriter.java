package dev.longrecipe.shards;


import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes one shard (SAMPLE_FORMAT.md): a header with placeholder counts, the records as they come, then on
 * {@link #close()} the real counts into the header and the CRC32C trailer over everything before it. A shard is
 * complete only after close; a crash leaves a file the reader rejects. A shard holds either built samples
 * (version 1, the constructor) or sample sources (version 2, {@link #forSources}).
 */
public final class SampleShardWriter implements AutoCloseable {

    private final Path file;
    private final int version;
    private final int maxSequenceLength;
    private final int positionWindow;
    private final OutputStream out;
    private long samples;
    private long tokens;
    private boolean allFullLength = true;
    private int longestSpan;
    private ShardSummary summary;

    /** A version-1 shard of built samples (input ids and position ids), each at most {@code maxSequenceLength} long. */
    public SampleShardWriter(Path file, int maxSequenceLength, int positionWindow) {
        this(file, ShardFormat.BUILT_SAMPLES, maxSequenceLength, positionWindow);
    }

    /**
     * A version-2 shard of sample sources, from which samples of at most {@code maxSequenceLength} tokens at positions
     * in [0, {@code positionWindow}) are drawn.
     */
    public static SampleShardWriter forSources(Path file, int maxSequenceLength, int positionWindow) {
        return new SampleShardWriter(file, ShardFormat.SAMPLE_SOURCES, maxSequenceLength, positionWindow);
    }

    private SampleShardWriter(Path file, int version, int maxSequenceLength, int positionWindow) {
        if (maxSequenceLength < 1 || positionWindow < 1) {
            throw new IllegalArgumentException("maxSequenceLength and positionWindow must be ≥ 1");
        }
        this.file = file;
        this.version = version;
        this.maxSequenceLength = maxSequenceLength;
        this.positionWindow = positionWindow;
        try {
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
            out.write(header());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create shard " + file, e);
        }
    }

    /** Appends a built sample (version 1); its length must be in [1, maxSequenceLength] and positions in [0, window). */
    public void write(ShardSample sample) {
        requireVersion(ShardFormat.BUILT_SAMPLES, "built samples");
        int n = sample.length();
        if (n < 1 || n > maxSequenceLength) {
            throw new IllegalArgumentException("sample of " + n + " tokens does not fit the shard's maximum of "
                    + maxSequenceLength);
        }
        ByteBuffer buf = ByteBuffer.allocate(4 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(n);
        for (int id : sample.inputIds()) {
            buf.putInt(id);
        }
        for (int p : sample.positionIds()) {
            if (p < 0 || p >= positionWindow) {
                throw new IllegalArgumentException("position " + p + " is outside the window [0, " + positionWindow + ")");
            }
            buf.putInt(p);
        }
        append(buf, n);
        allFullLength &= n == maxSequenceLength;
    }

    /** Appends a sample source (version 2). */
    public void write(SampleSource source) {
        requireVersion(ShardFormat.SAMPLE_SOURCES, "sample sources");
        Document span = source.span();
        int n = span.tokenCount();
        int s = span.sentenceCount();
        ByteBuffer buf = ByteBuffer.allocate(20 + 4 * n + 5 * s).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(span.index()).putInt(source.spanIndex()).putInt(n).putInt(s);
        for (int id : span.tokens()) {
            buf.putInt(id);
        }
        for (int i = 0; i < s; i++) {
            buf.putInt(span.sentenceStarts()[i]);
        }
        for (boolean a : span.anchor()) {
            buf.put((byte) (a ? 1 : 0));
        }
        append(buf, n);
        longestSpan = Math.max(longestSpan, n);
    }

    private void requireVersion(int wanted, String what) {
        if (version != wanted) {
            throw new IllegalStateException("shard " + file + " is a version-" + version + " shard; " + what
                    + " go into version-" + wanted + " shards");
        }
    }

    private void append(ByteBuffer record, int n) {
        try {
            out.write(record.array());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to shard " + file, e);
        }
        samples++;
        tokens += n;
    }

    public long samples() {
        return samples;
    }

    /** Summary of the closed shard (null before close). */
    public ShardSummary summary() {
        return summary;
    }

    @Override
    public void close() {
        if (summary != null) {
            return;
        }
        try {
            out.close();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(header()), 0);
            }
            CRC32C crc = new CRC32C();
            try (InputStream in = Files.newInputStream(file)) {
                byte[] chunk = new byte[1 << 20];
                for (int r; (r = in.read(chunk)) > 0; ) {
                    crc.update(chunk, 0, r);
                }
            }
            int value = (int) crc.getValue();
            ByteBuffer trailer = ByteBuffer.allocate(ShardFormat.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(value);
            Files.write(file, trailer.array(), StandardOpenOption.APPEND);
            summary = new ShardSummary(file.getFileName().toString(), samples, tokens, Files.size(file),
                    String.format("%08x", value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish shard " + file, e);
        }
    }

    private byte[] header() {
        ByteBuffer h = ByteBuffer.allocate(ShardFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ShardFormat.MAGIC);
        h.putShort((short) version);
        h.putShort((short) ShardFormat.DTYPE_INT32);
        boolean fixed = version == ShardFormat.BUILT_SAMPLES && samples > 0 && allFullLength;
        h.putInt(fixed ? ShardFormat.FLAG_FIXED_LENGTH : 0);
        h.putLong(samples);
        h.putLong(tokens);
        h.putInt(maxSequenceLength);
        h.putInt(positionWindow);
        h.putInt(longestSpan);   // version 2: maxSpanTokens; reserved (0) in version 1
        h.putInt(0);             // reserved
        return h.array();
    }
}
