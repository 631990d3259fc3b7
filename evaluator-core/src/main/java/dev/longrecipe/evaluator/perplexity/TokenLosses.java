package dev.longrecipe.evaluator.perplexity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.longrecipe.model.llama.GradMode;
import dev.longrecipe.model.llama.KvCache;
import dev.longrecipe.model.llama.LlamaModel;

/**
 * Teacher-forced next-token losses of a text, read in chunks through a key/value cache so that memory stays within
 * the evaluator's plan at any length (the logits of all positions at once would not).
 */
public final class TokenLosses {
    private TokenLosses() {
    }

    /**
     * @return {@code -log p(tokens[t+1] | tokens[0..t])} for t = 0…n−2, positions 0…n−1
     */
    public static double[] of(LlamaModel model, int[] tokens, int chunk) {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("a loss needs at least two tokens but got " + tokens.length);
        }
        double[] losses = new double[tokens.length - 1];
        try (GradMode ignored = GradMode.disabled(); KvCache cache = model.newKvCache()) {
            for (int start = 0; start < tokens.length - 1; start += chunk) {
                int end = Math.min(tokens.length - 1, start + chunk); // inputs [start, end) predict [start+1, end+1)
                int c = end - start;
                try (NDManager scope = model.manager().newSubManager()) {
                    long[][] ids = new long[1][c];
                    long[][] pos = new long[1][c];
                    long[] targets = new long[c];
                    for (int i = 0; i < c; i++) {
                        ids[0][i] = tokens[start + i];
                        pos[0][i] = start + i;
                        targets[i] = tokens[start + i + 1];
                    }
                    NDArray logits = model.forward(scope.create(ids), scope.create(pos), cache);  // (1, c, V)
                    NDArray logProbs = logits.logSoftmax(2);                                      // (1, c, V)
                    NDArray picked = logProbs.gather(scope.create(targets, new ai.djl.ndarray.types.Shape(1, c, 1)), 2) // (1, c, 1)
                            .reshape(c);                                                            // (c)
                    float[] values = picked.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int i = 0; i < c; i++) {
                        losses[start + i] = -values[i];
                    }
                }
            }
        }
        return losses;
    }
}
