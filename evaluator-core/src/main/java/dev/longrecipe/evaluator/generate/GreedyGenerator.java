package dev.longrecipe.evaluator.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.longrecipe.model.llama.GradMode;
import dev.longrecipe.model.llama.KvCache;
import dev.longrecipe.model.llama.LlamaModel;

import java.util.Arrays;

/**
 * Greedy decoding with a key/value cache: the prompt is read once, in chunks of {@code prefillChunk} tokens, then
 * each new token costs one single-token forward pass over the cache. Positions are 0…n−1 (plain decoding).
 */
public final class GreedyGenerator {
    private final LlamaModel model;
    private final int prefillChunk;

    public GreedyGenerator(LlamaModel model, int prefillChunk) {
        if (prefillChunk < 1) {
            throw new IllegalArgumentException("prefill chunk must be ≥ 1 but was " + prefillChunk);
        }
        this.model = model;
        this.prefillChunk = prefillChunk;
    }

    /** Up to {@code maxNewTokens} greedy tokens after {@code prompt}, ending early when {@code stop} says so. */
    public Generation generate(int[] prompt, int maxNewTokens, StopCondition stop) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("cannot generate after an empty prompt");
        }
        int[] out = new int[maxNewTokens];
        int n = 0;
        try (GradMode ignored = GradMode.disabled(); KvCache cache = model.newKvCache()) {
            cache.reserve((long) prompt.length + maxNewTokens); // appends write in place
            int next = prefill(prompt, cache);
            while (true) {
                out[n++] = next;
                StopReason reason = stop.check(Arrays.copyOf(out, n));
                if (reason == StopReason.EOS) {
                    return new Generation(Arrays.copyOf(out, n - 1), reason);
                }
                if (reason != null) {
                    return new Generation(Arrays.copyOf(out, n), reason);
                }
                if (n == maxNewTokens) {
                    return new Generation(out, StopReason.BUDGET);
                }
                next = step(next, prompt.length + n - 1, cache);
            }
        }
    }

    /** Reads the prompt into the cache chunk by chunk; returns the greedy token after it. */
    private int prefill(int[] prompt, KvCache cache) {
        int next = -1;
        for (int start = 0; start < prompt.length; start += prefillChunk) {
            int end = Math.min(prompt.length, start + prefillChunk);
            try (NDManager scope = model.manager().newSubManager()) {
                long[][] ids = new long[1][end - start];
                long[][] pos = new long[1][end - start];
                for (int i = start; i < end; i++) {
                    ids[0][i - start] = prompt[i];
                    pos[0][i - start] = i;
                }
                NDArray logits = model.forward(scope.create(ids), scope.create(pos), cache);     // (1, c, V)
                if (end == prompt.length) {
                    next = argmax(logits.get(new NDIndex(0, end - start - 1)));                  // (V)
                }
            }
        }
        return next;
    }

    /** One token at {@code position} through the cache; returns the greedy token after it. */
    private int step(int token, int position, KvCache cache) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray logits = model.forward(scope.create(new long[][]{{token}}),
                    scope.create(new long[][]{{position}}), cache);                              // (1, 1, V)
            return argmax(logits.get(new NDIndex(0, 0)));                                        // (V)
        }
    }

    /** Index of the largest logit (the first one on ties, as torch.argmax). */
    static int argmax(NDArray logits) {
        return (int) logits.argMax().toType(ai.djl.ndarray.types.DataType.INT64, false).getLong();
    }
}
