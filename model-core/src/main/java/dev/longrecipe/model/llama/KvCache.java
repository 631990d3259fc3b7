package dev.longrecipe.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of the tokens seen so far, per layer, for incremental decoding: each
 * {@link LlamaModel#forward(NDArray, NDArray, NDArray, KvCache)} appends the new tokens' (already rotated) keys and
 * values and attends over all of them. Owns its arrays; close it when the generation is done.
 *
 * <p>Storage: per layer a (B, Hkv, capacity, D) buffer whose first {@link #length()} tokens are in use. By default
 * the capacity is exactly the length, so every append copies the cache into a new buffer (as {@code torch.cat}
 * does). {@link #reserve} sets the capacity up front (a decoder knows its prompt and budget): appends then write in
 * place and the layers attend over a view, which saves copying the whole cache, and faulting in fresh pages for it,
 * at every new token.
 *
 * <p>For a batch of left-padded prompts the cache also carries which cached tokens are real: a (B, S) boolean
 * validity mask that grows with every forward pass (pad keys are masked out of attention). A cache that never saw
 * an attention mask has none and every cached token counts, as before.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;   // per layer (B, Hkv, capacity, D), the first lengths[l] tokens in use
    private final NDArray[] values; // per layer (B, Hkv, capacity, D)
    private final long[] lengths;   // per layer, tokens in use (the layers append in turn during a forward pass)
    private long reserved;          // capacity allocated at the first append; 0: exactly what is appended
    private NDArray valid;          // (B, S) boolean, true where the cached token is real; null: all real

    KvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
        this.lengths = new long[layers];
    }

    /**
     * Makes room for {@code tokens} tokens per row in all, allocated at the first append (call it before the first
     * forward pass); appends up to that length write in place, longer ones fall back to copying. The memory is the
     * cache's at that length.
     */
    public void reserve(long tokens) {
        if (keys[0] != null) {
            throw new IllegalStateException("reserve the cache before the first forward pass");
        }
        this.reserved = tokens;
    }

    /** Number of cached tokens (the sequence index of the next token), pads included. */
    public long length() {
        return lengths[0];
    }

    /** Rows (sequences) in the cache, 0 before the first forward pass. */
    public long batchSize() {
        return keys[0] == null ? 0 : keys[0].getShape().get(0);
    }

    /**
     * Appends this step's key validity (B, T) and returns the whole (B, S+T) boolean mask, or {@code null} while
     * neither the cache nor this step has a mask (every token real). Called once per forward pass, before the
     * layers append their keys: a missing mask on either side stands for "all real".
     *
     * @param stepValid (B, T) non-zero for real tokens, or {@code null} when all T tokens are real
     */
    NDArray appendValidity(NDArray stepValid, long b, long t) {
        if (stepValid == null && valid == null) {
            return null;
        }
        NDArray step = stepValid != null ? stepValid.toType(DataType.BOOLEAN, false)
                : manager.ones(new Shape(b, t), DataType.BOOLEAN);                                   // (B, T)
        boolean ownStep = step != stepValid; // made here: close it after use
        long past = length();
        NDArray joined;
        if (past == 0) {
            joined = step.duplicate();                                                               // (B, T)
        } else {
            NDArray before = valid != null ? valid : manager.ones(new Shape(b, past), DataType.BOOLEAN); // (B, S)
            joined = before.concat(step, 1);                                                         // (B, S+T)
            if (valid == null) {
                before.close();
            }
        }
        joined.attach(manager);
        if (ownStep) {
            step.close();
        }
        if (valid != null) {
            valid.close();
        }
        valid = joined;
        return valid;
    }

    /**
     * Appends this step's keys (B, Hkv, T, D) for {@code layer} and returns all of them (B, Hkv, S+T, D), attached
     * to {@code k}'s manager when it is a view of the buffer. Call before {@link #appendValues} for the layer.
     */
    NDArray appendKeys(int layer, NDArray k) {
        keys[layer] = append(keys[layer], lengths[layer], k);
        return inUse(keys[layer], lengths[layer] + k.getShape().get(2), k.getManager());
    }

    /** Appends this step's values (B, Hkv, T, D) for {@code layer} and returns all of them (B, Hkv, S+T, D). */
    NDArray appendValues(int layer, NDArray v) {
        values[layer] = append(values[layer], lengths[layer], v);
        lengths[layer] += v.getShape().get(2);
        return inUse(values[layer], lengths[layer], v.getManager());
    }

    /**
     * Copies a one-row cache (a prompt read alone) into row {@code row} of this batch of {@code rows} rows,
     * right-aligned so that its last token is at sequence index {@code width − 1}; the columns before it are pads,
     * masked out of attention from then on. Fill every row this way before the batch's first forward pass; the
     * batch is then {@code width} tokens long. Buffers are allocated at the first call, with the reserved capacity.
     *
     * @param single a cache of one row, at most {@code width} tokens long (the caller closes it)
     */
    public void putRow(int row, int rows, long width, KvCache single) {
        long len = single.length();
        if (single.batchSize() != 1 || len > width || row < 0 || row >= rows) {
            throw new IllegalArgumentException("cannot put a cache of " + single.batchSize() + " row(s) and " + len
                    + " tokens at row " + row + " of " + rows + " rows of " + width + " tokens");
        }
        if (keys[0] == null) {
            long capacity = Math.max(reserved, width);
            for (int l = 0; l < keys.length; l++) {
                Shape s = single.keys[l].getShape();                                            // (1, Hkv, ·, D)
                keys[l] = manager.zeros(new Shape(rows, s.get(1), capacity, s.get(3)), single.keys[l].getDataType());
                values[l] = manager.zeros(keys[l].getShape(), keys[l].getDataType());           // (B, Hkv, cap, D)
                lengths[l] = width;
            }
            valid = manager.zeros(new Shape(rows, width), DataType.BOOLEAN);                    // (B, width)
        } else if (keys[0].getShape().get(0) != rows || lengths[0] != width) {
            throw new IllegalArgumentException("this cache holds " + keys[0].getShape().get(0) + " rows of "
                    + lengths[0] + " tokens, not " + rows + " of " + width);
        }
        NDIndex target = new NDIndex("{}:{}, :, {}:{}", row, row + 1, width - len, width);
        for (int l = 0; l < keys.length; l++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray k = inUse(single.keys[l], len, scope);                                  // (1, Hkv, len, D)
                NDArray v = inUse(single.values[l], len, scope);                                // (1, Hkv, len, D)
                keys[l].set(target, k);
                values[l].set(target, v);
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            valid.set(new NDIndex("{}:{}, {}:{}", row, row + 1, width - len, width),
                    scope.ones(new Shape(1, len), DataType.BOOLEAN));
        }
    }

    /**
     * Keeps only the given rows, in the given order (batched decoding drops the sequences that finished). Copies
     * one layer's keys or values at a time.
     *
     * @param rows row indices into the current batch, each at most once
     */
    public void keepRows(int[] rows) {
        for (int l = 0; l < keys.length; l++) {
            keys[l] = selectRows(keys[l], rows);
            values[l] = selectRows(values[l], rows);
        }
        valid = selectRows(valid, rows);
    }

    private NDArray selectRows(NDArray cached, int[] rows) {
        if (cached == null) {
            return null;
        }
        NDList picked = new NDList();
        for (int row : rows) {
            picked.add(cached.get(new NDIndex("{}:{}", row, row + 1)));                           // (1, ...)
        }
        NDArray kept = picked.size() == 1 ? picked.singletonOrThrow().duplicate() : NDArrays.concat(picked, 0);
        kept.attach(manager);
        picked.close();
        cached.close();
        return kept;                                                                              // (rows, ...)
    }

    /** Writes {@code step} (B, Hkv, T, D) at sequence index {@code length}; a new buffer when there is no room. */
    private NDArray append(NDArray buffer, long length, NDArray step) {
        long t = step.getShape().get(2);
        if (buffer == null && reserved > t) {
            Shape s = step.getShape();
            buffer = manager.zeros(new Shape(s.get(0), s.get(1), reserved, s.get(3)), step.getDataType());
        }
        if (buffer == null) {
            NDArray copy = step.stopGradient();                                                   // (B, Hkv, T, D)
            copy.attach(manager);
            return copy;
        }
        if (length + t <= buffer.getShape().get(2)) {
            buffer.set(new NDIndex(":, :, {}:{}", length, length + t), step.stopGradient());      // in place
            return buffer;
        }
        NDArray used = length == buffer.getShape().get(2) ? buffer
                : buffer.get(new NDIndex(":, :, 0:{}", length));                                  // (B, Hkv, S, D)
        NDArray joined = used.concat(step.stopGradient(), 2);       // (B, Hkv, S+T, D), in the cache's manager
        if (used != buffer) {
            used.close();
        }
        buffer.close();
        return joined;
    }

    /** The first {@code length} tokens of a buffer: the buffer itself when full, else a view attached to {@code m}. */
    private static NDArray inUse(NDArray buffer, long length, NDManager m) {
        if (length == buffer.getShape().get(2)) {
            return buffer;
        }
        NDArray view = buffer.get(new NDIndex(":, :, 0:{}", length));                            // (B, Hkv, S, D)
        view.attach(m);
        return view;
    }

    @Override
    public void close() {
        manager.close();
    }
}
