package dev.longrecipe.evaluator.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
 * <p>How: the prompts are sorted by length (so a batch pads little) and taken {@code batchSize} at a time. A batch's
 * prompts are left-padded to its longest, so every row's next token lands in the same column; an attention mask
 * keeps every query off the pad keys (the {@link KvCache} remembers it), and each row's positions start at 0 at its
 * first real token, as when it is decoded alone. The prompts are read {@code prefillChunk} tokens per pass
 * ({@code prefillChunk / B} columns of the B rows, at least one), so reading a batch needs no more activation memory
 * than reading one prompt; then each pass adds one token to every unfinished row. A row ends at an
 * end-of-sequence token (left out of its output, reason EOS) or at its budget (reason BUDGET); finished rows are
 * dropped from the batch and the cache, so they cost nothing afterwards and cannot affect the others.
 */
public final class BatchedGreedyGenerator {
    /** Token id put in pad positions; any id in the vocabulary does, pads are masked. */
    private static final long PAD_ID = 0;

    private final LlamaModel model;
    private final int prefillChunk;
    private final int batchSize;

    /**
     * @param prefillChunk tokens per forward pass while reading a batch's prompts, pads included: B rows read
     *                     {@code max(1, prefillChunk / B)} columns per pass ({@code MemoryPlan#prefillChunk})
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
     * Reads the batch's prompts, left-padded to the longest, into the cache {@code prefillChunk / B} columns at a
     * time; returns each row's greedy token after its prompt.
     */
    private long[] prefill(List<Row> batch, KvCache cache) {
        int b = batch.size();
        int width = batch.stream().mapToInt(r -> r.prompt.length).max().orElseThrow();
        int columns = Math.max(1, prefillChunk / b);
        long[] next = null;
        for (int start = 0; start < width; start += columns) {
            int end = Math.min(width, start + columns);
            int c = end - start;
            long[][] ids = new long[b][c];
            long[][] pos = new long[b][c];
            boolean[] real = new boolean[b * c];
            for (int r = 0; r < b; r++) {
                int[] prompt = batch.get(r).prompt;
                int pad = width - prompt.length;
                for (int col = start; col < end; col++) {
                    int i = col - pad; // index into the prompt, negative in the padding
                    ids[r][col - start] = i >= 0 ? prompt[i] : PAD_ID;
                    pos[r][col - start] = Math.max(0, i);
                    real[r * c + col - start] = i >= 0;
                }
            }
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray mask = scope.create(real, new Shape(b, c));               // (B, c)
                NDArray logits = model.forward(scope.create(ids), scope.create(pos), mask, cache);     // (B, c, V)
                if (end == width) {
                    next = argmaxRows(logits.get(new NDIndex(":, -1")));                               // (B, V)
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
