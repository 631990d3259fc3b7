package dev.longrecipe.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.longrecipe.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a Hugging Face model folder: {@code model.safetensors}, or {@code model-0000i-of-0000N.safetensors} shards plus
 * {@code model.safetensors.index.json} when the planned tensors exceed one shard. Everything is written into a hidden
 * sibling folder that is renamed onto {@code dir} by {@link #close()} only when complete; otherwise it is deleted.
 */
public final class ShardedModelWriter implements AutoCloseable {

    /** Name of the single-file checkpoint and of the shard index. */
    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final Map<String, String> SHARD_METADATA = Map.of("format", "pt"); // transformers requires it

    private final Path dir;
    private final Path staging;
    private final List<List<TensorSpec>> shards;
    private final List<String> shardNames;
    private int shardIndex;
    private int tensorInShard;
    private SafetensorsWriter current;
    private boolean closed;

    /**
     * Plans shards greedily in plan order: a shard is closed when the next tensor would take it past
     * {@code maxShardBytes} (a tensor larger than the limit gets a shard of its own).
     *
     * @throws IllegalArgumentException if {@code dir} already exists, the plan is empty or the limit is not positive
     */
    public ShardedModelWriter(Path dir, List<TensorSpec> plan, long maxShardBytes) {
        if (plan.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no tensors planned; a model folder needs at least one tensor");
        }
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("maxShardBytes must be positive, got " + maxShardBytes);
        }
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " already exists; choose a new output folder or delete the old one");
        }
        this.dir = dir.toAbsolutePath();
        this.shards = planShards(plan, maxShardBytes);
        this.shardNames = shardNames(shards.size());
        this.staging = this.dir.resolveSibling("." + this.dir.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException(staging + ": cannot create (" + e.getMessage() + ")", e);
        }
    }

    private static List<List<TensorSpec>> planShards(List<TensorSpec> plan, long maxShardBytes) {
        List<List<TensorSpec>> out = new ArrayList<>();
        List<TensorSpec> shard = new ArrayList<>();
        long bytes = 0;
        for (TensorSpec t : plan) {
            if (!shard.isEmpty() && bytes + t.byteSize() > maxShardBytes) {
                out.add(shard);
                shard = new ArrayList<>();
                bytes = 0;
            }
            shard.add(t);
            bytes += t.byteSize();
        }
        out.add(shard);
        return out;
    }

    private static List<String> shardNames(int count) {
        if (count == 1) {
            return List.of(SINGLE_FILE);
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(String.format("model-%05d-of-%05d.safetensors", i, count));
        }
        return names;
    }

    /** File names of the shards this writer will produce (one name when unsharded). */
    public List<String> shardFileNames() {
        return shardNames;
    }

    /** Writes the next planned tensor's little-endian bytes. */
    public void write(String name, ByteBuffer data) {
        nextShardWriter(name).write(name, data);
        advance();
    }

    /**
     * Appends part of the next planned tensor's bytes (for tensors streamed in chunks).
     *
     * @return true when this part completed the tensor
     */
    public boolean writePart(String name, ByteBuffer part) {
        boolean done = nextShardWriter(name).writePart(name, part);
        if (done) {
            advance();
        }
        return done;
    }

    /** Encodes {@code values} in the planned dtype (F32, F16 or BF16) and writes them as the next tensor. */
    public void writeFloat32(String name, float[] values) {
        nextShardWriter(name).writeFloat32(name, values);
        advance();
    }

    /** Copies a file (config.json, tokenizer.json …) into the folder under its own file name. */
    public void addFile(Path source) {
        addFile(source.getFileName().toString(), source, null);
    }

    /** Writes a small file (e.g. an edited config.json) into the folder. */
    public void addFile(String fileName, byte[] content) {
        addFile(fileName, null, content);
    }

    private void addFile(String fileName, Path source, byte[] content) {
        checkOpen();
        if (shardNames.contains(fileName) || fileName.equals(INDEX_FILE) || fileName.contains("/") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("'" + fileName + "' cannot be added to a model folder: it is a weights file name or not a plain file name");
        }
        try {
            if (source != null) {
                Files.copy(source, staging.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.write(staging.resolve(fileName), content);
            }
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException(dir + ": cannot add " + fileName + " (" + e.getMessage() + ")", e);
            abort(failure);
            throw failure;
        }
    }

    private SafetensorsWriter nextShardWriter(String name) {
        checkOpen();
        if (shardIndex >= shards.size()) {
            throw new IllegalStateException(dir + ": all planned tensors were already written; '" + name + "' is not in the plan");
        }
        if (current == null) {
            try {
                current = new SafetensorsWriter(staging.resolve(shardNames.get(shardIndex)), shards.get(shardIndex), SHARD_METADATA);
            } catch (RuntimeException e) {
                abort(e);
                throw e;
            }
        }
        return current;
    }

    private void advance() {
        tensorInShard++;
        if (tensorInShard == shards.get(shardIndex).size()) {
            current.close();
            current = null;
            shardIndex++;
            tensorInShard = 0;
        }
    }

    /** True once every planned tensor has been written. */
    public boolean isComplete() {
        return shardIndex == shards.size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(dir + ": writer is closed");
        }
    }

    /** Deletes everything written so far; the final folder is never created. */
    public void abort() {
        abort(null);
    }

    private void abort(RuntimeException cause) {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            try {
                current.close(); // incomplete: deletes its partial file and throws
            } catch (RuntimeException ignored) {
                // expected for an incomplete shard; the staging folder is removed below
            }
        }
        try {
            FileTrees.delete(staging);
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * Publishes the folder: writes the index when sharded and renames the staging folder onto {@code dir}.
     * If tensors are missing, deletes everything and throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!isComplete()) {
            IllegalStateException e = new IllegalStateException(dir + ": not every planned tensor was written (stopped in shard "
                    + (shardIndex + 1) + " of " + shards.size() + "); nothing was published");
            abort(e);
            throw e;
        }
        try {
            if (shards.size() > 1) {
                Files.write(staging.resolve(INDEX_FILE), indexJson());
            }
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            closed = true;
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException(dir + ": cannot publish the model folder (" + e.getMessage() + ")", e);
            abort(failure);
            throw failure;
        }
    }

    private byte[] indexJson() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        long total = 0;
        ObjectNode weightMap = json.createObjectNode();
        for (int i = 0; i < shards.size(); i++) {
            for (TensorSpec t : shards.get(i)) {
                total += t.byteSize();
                weightMap.put(t.name(), shardNames.get(i));
            }
        }
        root.putObject("metadata").put("total_size", total);
        root.set("weight_map", weightMap);
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }
}
