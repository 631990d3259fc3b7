package dev.longrecipe.evaluator.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.longrecipe.model.llama.GradMode;
import dev.longrecipe.model.llama.KvCache;
import dev.longrecipe.model.llama.LlamaModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Greedy decoding of several prompts at once: up to {@code batchSize} prompts share every forward pass, which on a
 * CPU with a small model costs about as much as one prompt's (each op's dispatch overhead dominates). The tokens
 * are the ones {@link GreedyGenerator} gives each prompt alone with an end-of-sequence stop.
 *
 * <p>How: the prompts are sorted by length (so a batch pads little) and taken {@code batchSize} at a time. Each
 * prompt of a batch is read alone, {@code prefillChunk} tokens per pass as {@link GreedyGenerator} reads it, and its
 * keys and values are copied into its row of the batch's {@link KvCache}, left-padded to the longest prompt, so every
 * row's next token lands in the same column. The cache's validity mask keeps every query off the pad keys, and each
 * row's positions go on from its own prompt length, as when it is decoded alone. Then each pass adds one token to
 * every unfinished row. A row ends at an
 * end-of-sequence token (left out of its output, reason EOS) or at its budget (reason BUDGET); finished rows are
 * dropped from the batch and the cache, so they cost nothing afterwards and cannot affect the others.
 */
public final class BatchedGreedyGenerator {
    private final LlamaModel model;
    private final int prefillChunk;
    private final int batchSize;

    /**
     * @param prefillChunk tokens per forward pass while reading a prompt ({@code MemoryPlan#prefillChunk})
     * @param batchSize    prompts decoded together, at most ({@code MemoryPlan#batchSize})
     */
    public BatchedGreedyGenerator(LlamaModel model, int prefillChunk, int batchSize) {
        if (prefillChunk < 1) {
            throw new IllegalArgumentException("prefill chunk must be ≥ 1 but was " + prefillChunk);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1 but was " + batchSize);
        }
        this.model = model;
        this.prefillChunk = prefillChunk;
        this.batchSize = batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * Greedy continuations of every prompt, in the prompts' order.
     *
     * @param prompts      token ids of each prompt (not empty)
     * @param maxNewTokens each prompt's budget of new tokens (≥ 0; 0 gives an empty BUDGET generation)
     * @param eosIds       end-of-sequence ids: a row ends when it produces one (not part of its output)
     */
    public List<Generation> generate(List<int[]> prompts, int[] maxNewTokens, Set<Integer> eosIds) {
        if (maxNewTokens.length != prompts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + maxNewTokens.length + " budgets");
        }
        Generation[] out = new Generation[prompts.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).length == 0) {
                throw new IllegalArgumentException("prompt " + i + " is empty: cannot generate after an empty prompt");
            }
            if (maxNewTokens[i] < 0) {
                throw new IllegalArgumentException("prompt " + i + " has a negative budget " + maxNewTokens[i]);
            }
            if (maxNewTokens[i] == 0) {
                out[i] = new Generation(new int[0], StopReason.BUDGET);
            } else {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingInt((Integer i) -> prompts.get(i).length).reversed());
        for (int start = 0; start < order.size(); start += batchSize) {
            List<Row> batch = new ArrayList<>();
            for (int i : order.subList(start, Math.min(order.size(), start + batchSize))) {
                batch.add(new Row(i, prompts.get(i), maxNewTokens[i]));
            }
            decode(batch, eosIds);
            for (Row r : batch) {
                out[r.index] = r.result;
            }
        }
        return Arrays.asList(out);
    }

    /** Decodes one batch to the end; each row's result is set. */
    private void decode(List<Row> batch, Set<Integer> eosIds) {
        try (GradMode ignored = GradMode.disabled(); KvCache cache = model.newKvCache()) {
            cache.reserve(batch.stream().mapToLong(r -> r.prompt.length).max().orElseThrow()
                    + batch.stream().mapToLong(r -> r.out.length).max().orElseThrow()); // appends write in place
            long[] next = prefill(batch, cache);
            List<Row> active = new ArrayList<>(batch);
            while (true) {
                List<Row> going = new ArrayList<>();
                int[] keep = new int[active.size()];
                for (int r = 0; r < active.size(); r++) {
                    Row row = active.get(r);
                    if (!row.accept((int) next[r], eosIds)) {
                        keep[going.size()] = r;
                        going.add(row);
                    }
                }
                if (going.isEmpty()) {
                    return;
                }
                if (going.size() < active.size()) {
                    cache.keepRows(Arrays.copyOf(keep, going.size()));
                    next = pick(next, keep, going.size());
                }
                active = going;
                next = step(active, next, cache);
            }
        }
    }

    /**
     * Reads each prompt of the batch alone, {@code prefillChunk} tokens per pass, into a one-row cache (exactly as
     * {@link GreedyGenerator} does), and copies it into its row of the batch cache, left-padded to the longest
     * prompt; returns each row's greedy token after its prompt. Reading prompts is compute-bound, so reading them
     * together would gain little, and it would spend work on the pads.
     */
    private long[] prefill(List<Row> batch, KvCache cache) {
        int b = batch.size();
        int width = batch.stream().mapToInt(r -> r.prompt.length).max().orElseThrow();
        long[] next = new long[b];
        for (int r = 0; r < b; r++) {
            int[] prompt = batch.get(r).prompt;
            if (b == 1) {
                next[r] = prefill(prompt, cache);
                continue;
            }
            try (KvCache single = model.newKvCache()) {
                single.reserve(prompt.length);
                next[r] = prefill(prompt, single);
                cache.putRow(r, b, width, single);
            }
        }
        return next;
    }

    /** Reads one prompt into a one-row cache chunk by chunk, positions 0…n−1; returns the greedy token after it. */
    private long prefill(int[] prompt, KvCache cache) {
        long next = -1;
        for (int start = 0; start < prompt.length; start += prefillChunk) {
            int end = Math.min(prompt.length, start + prefillChunk);
            long[][] ids = new long[1][end - start];
            long[][] pos = new long[1][end - start];
            for (int i = start; i < end; i++) {
                ids[0][i - start] = prompt[i];
                pos[0][i - start] = i;
            }
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray logits = model.forward(scope.create(ids), scope.create(pos), cache);           // (1, c, V)
                if (end == prompt.length) {
                    next = argmaxRows(logits.get(new NDIndex(":, -1")))[0];                            // (1, V)
                }
            }
        }
        return next;
    }

    /** One token per active row through the cache; returns each row's greedy token after it. */
    private long[] step(List<Row> active, long[] tokens, KvCache cache) {
        int b = active.size();
        long[][] ids = new long[b][1];
        long[][] pos = new long[b][1];
        for (int r = 0; r < b; r++) {
            ids[r][0] = tokens[r];
            pos[r][0] = active.get(r).position();
        }
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray logits = model.forward(scope.create(ids), scope.create(pos), null, cache);         // (B, 1, V)
            return argmaxRows(logits.get(new NDIndex(":, 0")));                                        // (B, V)
        }
    }

    /** Index of each row's largest logit (the first one on ties, as torch.argmax). */
    private static long[] argmaxRows(NDArray logits) {
        return logits.argMax(1).toType(DataType.INT64, false).toLongArray();                           // (B)
    }

    private static long[] pick(long[] values, int[] rows, int n) {
        long[] picked = new long[n];
        for (int i = 0; i < n; i++) {
            picked[i] = values[rows[i]];
        }
        return picked;
    }

    /** One prompt's decoding state. */
    private static final class Row {
        final int index;
        final int[] prompt;
        final int[] out;
        int n;
        Generation result;

        Row(int index, int[] prompt, int budget) {
            this.index = index;
            this.prompt = prompt;
            this.out = new int[budget];
        }

        /** Takes the next greedy token; true when the row is done (the result is then set). */
        boolean accept(int token, Set<Integer> eosIds) {
            if (eosIds.contains(token)) {
                result = new Generation(Arrays.copyOf(out, n), StopReason.EOS);
                return true;
            }
            out[n++] = token;
            if (n == out.length) {
                result = new Generation(out, StopReason.BUDGET);
                return true;
            }
            return false;
        }

        /** Position of the newest token, the one the next pass reads: the prompt's positions are 0…len−1. */
        long position() {
            return prompt.length + n - 1;
        }
    }
}
