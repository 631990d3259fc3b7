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
 * <p>For a batch of left-padded prompts the cache also carries which cached tokens are real: a (B, S) boolean
 * validity mask that grows with every forward pass (pad keys are masked out of attention). A cache that never saw
 * an attention mask has none and every cached token counts, as before.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;   // per layer (B, Hkv, S, D)
    private final NDArray[] values; // per layer (B, Hkv, S, D)
    private NDArray valid;          // (B, S) boolean, true where the cached token is real; null: all real

    KvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Number of cached tokens (the sequence index of the next token), pads included. */
    public long length() {
        return keys[0] == null ? 0 : keys[0].getShape().get(2);
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
     * @param stepValid (B, T) boolean (true = real token), or {@code null} when all T tokens are real
     */
    NDArray appendValidity(NDArray stepValid, long b, long t) {
        if (stepValid == null && valid == null) {
            return null;
        }
        NDArray step = stepValid != null ? stepValid.toType(DataType.BOOLEAN, false)
                : manager.ones(new Shape(b, t), DataType.BOOLEAN);                              // (B, T)
        long past = length();
        NDArray before = valid != null ? valid : manager.ones(new Shape(b, past), DataType.BOOLEAN); // (B, S)
        NDArray joined = past == 0 ? step.duplicate() : before.concat(step, 1);               // (B, S+T)
        joined.attach(manager);
        if (valid != null) {
            valid.close();
        }
        valid = joined;
        return valid;
    }

    /** Appends this step's keys (B, Hkv, T, D) for {@code layer} and returns all of them (B, Hkv, S+T, D). */
    NDArray appendKeys(int layer, NDArray k) {
        keys[layer] = append(keys[layer], k);
        return keys[layer];
    }

    /** Appends this step's values (B, Hkv, T, D) for {@code layer} and returns all of them (B, Hkv, S+T, D). */
    NDArray appendValues(int layer, NDArray v) {
        values[layer] = append(values[layer], v);
        return values[layer];
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
            picked.add(cached.get(new NDIndex("{}:{}", row, row + 1)));                         // (1, ...)
        }
        NDArray kept = picked.size() == 1 ? picked.singletonOrThrow().duplicate() : NDArrays.concat(picked, 0);
        kept.attach(manager);
        picked.close();
        cached.close();
        return kept;                                                                            // (rows, ...)
    }

    private NDArray append(NDArray cached, NDArray step) {
        if (cached == null) {
            NDArray copy = step.stopGradient();
            copy.attach(manager);
            return copy;
        }
        NDArray joined = cached.concat(step.stopGradient(), 2); // lands in the cache's manager (first operand)
        cached.close();
        return joined;
    }

    @Override
    public void close() {
        manager.close();
    }
}
