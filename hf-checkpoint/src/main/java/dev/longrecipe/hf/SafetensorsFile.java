package dev.longrecipe.hf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A memory-mapped, read-only safetensors file. The header is validated strictly when opened; tensor data is mapped
 * per tensor on request (long offsets, so files larger than 2 GB work) and never copied by {@link #raw(String)}.
 */
public final class SafetensorsFile implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path file, FileChannel channel, long dataStart, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.header = header;
    }

    /**
     * Opens and validates a safetensors file.
     *
     * @throws SafetensorsFormatException if the header or layout is invalid
     * @throws UncheckedIOException       if the file cannot be read
     */
    public static SafetensorsFile open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(file + ": no such safetensors file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open (" + e.getMessage() + ")", e);
        }
        try {
            return readHeader(file, channel);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static SafetensorsFile readHeader(Path file, FileChannel channel) {
        try {
            long size = channel.size();
            if (size < 8) {
                throw new SafetensorsFormatException(file, "file has " + size + " bytes, fewer than the 8-byte header length",
                        "The file is empty or truncated; copy or download it again");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 2 || headerLength > SafetensorsHeader.MAX_HEADER_BYTES) {
                throw new SafetensorsFormatException(file, "header length field says " + Long.toUnsignedString(headerLength)
                        + " bytes; it must be between 2 and " + SafetensorsHeader.MAX_HEADER_BYTES,
                        "This is not a safetensors file (or it is corrupt); re-export it with safetensors' save_file");
            }
            if (headerLength > size - 8) {
                throw new SafetensorsFormatException(file, "header length field says " + headerLength
                        + " bytes but the file has only " + (size - 8) + " bytes after it",
                        "The file is truncated; copy or download it again");
            }
            ByteBuffer json = ByteBuffer.allocate((int) headerLength);
            readFully(channel, json, 8);
            long dataStart = 8 + headerLength;
            SafetensorsHeader header = SafetensorsHeader.parse(file, json.array(), size - dataStart);
            return new SafetensorsFile(file, channel, dataStart, header);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read header (" + e.getMessage() + ")", e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position + into.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /** The file this reader maps. */
    public Path path() {
        return file;
    }

    /** All tensors, in the order of the file's header. */
    public Map<String, TensorInfo> tensors() {
        return header.tensors();
    }

    /** The header's {@code __metadata__} (empty when absent). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** Size of the data section in bytes. */
    public long dataSize() {
        try {
            return channel.size() - dataStart;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header entry of {@code name}; the error lists a few names that do exist. */
    public TensorInfo info(String name) {
        TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw new IllegalArgumentException(file + ": no tensor named '" + name + "' (file has " + header.tensors().size()
                    + " tensors, e.g. " + header.tensors().keySet().stream().limit(5).toList() + ")");
        }
        return info;
    }

    /** The tensor's bytes as a read-only little-endian buffer mapped from the file (no copy). Tensors must be < 2 GiB. */
    public ByteBuffer raw(String name) {
        TensorInfo info = info(name);
        if (info.byteSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' has " + info.byteSize()
                    + " bytes, more than one buffer can hold (2 GiB); split it or read it in parts");
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), info.byteSize())
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot map tensor '" + name + "' (" + e.getMessage() + ")", e);
        }
    }

    /** Decodes an F32, F16 or BF16 tensor to floats (row-major, as stored). */
    public float[] readFloat32(String name) {
        TensorInfo info = info(name);
        if (!info.dtype().isFloat32Decodable()) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' is " + info.dtype()
                    + "; readFloat32 decodes F32, F16 and BF16 only");
        }
        return Float32Codec.decode(raw(name), info.dtype());
    }

    /** Reads an integer tensor (I64, I32, I16, I8, U8) widened to long. */
    public long[] readInt64(String name) {
        TensorInfo info = info(name);
        ByteBuffer b = raw(name);
        long[] out = new long[Math.toIntExact(info.numel())];
        switch (info.dtype()) {
            case I64 -> b.asLongBuffer().get(out);
            case I32 -> { for (int i = 0; i < out.length; i++) out[i] = b.getInt(4 * i); }
            case I16 -> { for (int i = 0; i < out.length; i++) out[i] = b.getShort(2 * i); }
            case I8 -> { for (int i = 0; i < out.length; i++) out[i] = b.get(i); }
            case U8 -> { for (int i = 0; i < out.length; i++) out[i] = b.get(i) & 0xFF; }
            default -> throw new IllegalArgumentException(file + ": tensor '" + name + "' is " + info.dtype()
                    + "; readInt64 reads I64, I32, I16, I8 and U8 only");
        }
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(FileChannel channel, RuntimeException primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + file + ", " + header.tensors().size() + " tensors]";
    }
}
