package dev.longrecipe.evaluator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.longrecipe.model.llama.LlamaModel;

/** The reference the cached and chunked paths are checked against: one forward pass over a whole sequence, no cache. */
public final class FullForward {
    private FullForward() {
    }

    /** Logits (1, n, V) of the first {@code n} of {@code tokens} at positions 0 … n−1, made in {@code scope}. */
    public static NDArray logits(LlamaModel model, NDManager scope, int[] tokens, int n) {
        long[][] ids = new long[1][n];
        long[][] pos = new long[1][n];
        for (int i = 0; i < n; i++) {
            ids[0][i] = tokens[i];
            pos[0][i] = i;
        }
        return model.score(scope.create(ids), scope.create(pos));
    }
}
