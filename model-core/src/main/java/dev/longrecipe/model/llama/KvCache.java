package dev.longrecipe.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of the tokens seen so far, per layer, for incremental decoding: each
 * {@link LlamaModel#forward(NDArray, NDArray, KvCache)} appends the new tokens' (already rotated) keys and values
 * and attends over all of them. Owns its arrays; close it when the generation is done.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;   // per layer (B, Hkv, S, D)
    private final NDArray[] values; // per layer (B, Hkv, S, D)

    KvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Number of cached tokens (the sequence index of the next token). */
    public long length() {
        return keys[0] == null ? 0 : keys[0].getShape().get(2);
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
