package dev.longrecipe.hf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams one safetensors file: the header is written from a declared plan, then each tensor's bytes in plan order.
 * Data goes to {@code <file>.partial}, which is renamed onto {@code file} only when every tensor was written;
 * otherwise {@link #close()} deletes it, so no partial file is ever left under the final name.
 */
public final class SafetensorsWriter implements AutoCloseable {

    private final Path file;
    private final Path partial;
    private final List<TensorInfo> plan;
    private final FileChannel channel;
    private int next;
    private long writtenOfCurrent;
    private boolean closed;

    /** Creates {@code file + ".partial"} and writes the header for {@code plan}; {@code metadata} may be empty. */
    public SafetensorsWriter(Path file, List<TensorSpec> plan, Map<String, String> metadata) {
        this.file = file;
        this.partial = file.resolveSibling(file.getFileName() + ".partial");
        this.plan = layout(file, plan);
        byte[] header = SafetensorsHeader.encode(this.plan, metadata == null ? Map.of() : metadata);
        try {
            this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(partial + ": cannot create (" + e.getMessage() + ")", e);
        }
        try {
            ByteBuffer prefix = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).put(header).flip();
            writeFully(prefix);
        } catch (RuntimeException e) {
            abort(e);
            throw e;
        }
    }

    private static List<TensorInfo> layout(Path file, List<TensorSpec> plan) {
        List<TensorInfo> out = new ArrayList<>(plan.size());
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (TensorSpec spec : plan) {
            if (SafetensorsHeader.METADATA_KEY.equals(spec.name()) || !names.add(spec.name())) {
                throw new IllegalArgumentException(file + ": tensor name '" + spec.name()
                        + "' is reserved or planned twice; every tensor needs a unique name");
            }
            long end = Math.addExact(offset, spec.byteSize());
            out.add(new TensorInfo(spec.name(), spec.dtype(), spec.shape(), offset, end));
            offset = end;
        }
        return List.copyOf(out);
    }

    /** The planned tensors with their byte ranges. */
    public List<TensorInfo> plan() {
        return plan;
    }

    /** Writes the next planned tensor's bytes (little-endian, position to limit); name and size must match the plan. */
    public void write(String name, ByteBuffer data) {
        TensorInfo expected = expectNext(name);
        if (writtenOfCurrent != 0 || data.remaining() != expected.byteSize()) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' " + expected.dtype() + Arrays.toString(expected.shape())
                    + " needs " + expected.byteSize() + " bytes but got " + data.remaining()
                    + (writtenOfCurrent != 0 ? " after " + writtenOfCurrent + " written in parts" : ""));
        }
        writePart(name, data);
    }

    /**
     * Appends part of the next planned tensor's bytes, so tensors larger than memory can be streamed in chunks.
     *
     * @return true when this part completed the tensor
     */
    public boolean writePart(String name, ByteBuffer part) {
        TensorInfo expected = expectNext(name);
        if (writtenOfCurrent + part.remaining() > expected.byteSize()) {
            throw new IllegalArgumentException(file + ": tensor '" + name + "' needs " + expected.byteSize() + " bytes but "
                    + (writtenOfCurrent + part.remaining()) + " were given");
        }
        int length = part.remaining();
        try {
            writeFully(part.duplicate());
        } catch (RuntimeException e) {
            abort(e);
            throw e;
        }
        writtenOfCurrent += length;
        if (writtenOfCurrent == expected.byteSize()) {
            next++;
            writtenOfCurrent = 0;
            return true;
        }
        return false;
    }

    private TensorInfo expectNext(String name) {
        if (closed) {
            throw new IllegalStateException(file + ": writer is closed");
        }
        if (next >= plan.size()) {
            throw new IllegalStateException(file + ": all " + plan.size() + " planned tensors were already written; '"
                    + name + "' is not in the plan");
        }
        TensorInfo expected = plan.get(next);
        if (!expected.name().equals(name)) {
            throw new IllegalArgumentException(file + ": expected tensor '" + expected.name() + "' next (plan order) but got '"
                    + name + "'; write tensors in the order they were planned");
        }
        return expected;
    }

    /** Encodes {@code values} in the planned dtype (F32, F16 or BF16) and writes them as the next tensor. */
    public void writeFloat32(String name, float[] values) {
        write(name, Float32Codec.encode(values, expectNext(name).dtype()));
    }

    /** True once every planned tensor has been written. */
    public boolean isComplete() {
        return next == plan.size();
    }

    private void writeFully(ByteBuffer b) {
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(partial + ": write failed (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Finishes the file: when every planned tensor was written it is flushed and renamed onto the final name;
     * otherwise the partial file is deleted and an {@link IllegalStateException} says which tensors are missing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!isComplete()) {
            IllegalStateException e = new IllegalStateException(file + ": only " + next + " of " + plan.size()
                    + " planned tensors were written (next missing: '" + plan.get(next).name() + "'); the partial file was deleted");
            abort(e);
            throw e;
        }
        closed = true;
        try {
            channel.force(true);
            channel.close();
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException(file + ": cannot finish (" + e.getMessage() + ")", e);
            abort(failure);
            throw failure;
        }
    }

    private void abort(RuntimeException cause) {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
