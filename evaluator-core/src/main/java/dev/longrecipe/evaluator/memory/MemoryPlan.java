package dev.longrecipe.evaluator.memory;

import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaLayout;
import dev.longrecipe.model.llama.ParameterSpec;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Up-front memory estimate for evaluating one model at one length, float32, and the batch size and prefill chunk
 * that keep it within a budget. Up to {@code batchSize} prompts are decoded together (batched greedy decoding), each
 * with its row of a key/value cache; each prompt goes through the model alone, {@code prefillChunk} tokens per forward
 * pass, into a one-row cache that is then copied into the batch's. So the peak is: weights + the cache of every row
 * at full length (and of the row being read, with a batch) + one chunk's activations (hidden states, q/k/v, MLP, attention scores over the whole prefix — bounded by the model's attention
 * chunking — and the chunk's logits). The batch shrinks first (to 1), then the chunk: a length whose cache alone
 * does not fit one row fails before any work, naming the longest length that does.
 *
 * @param weightBytes     parameters
 * @param kvCacheBytes    keys and values of every layer of every row at the full length, plus one layer's copy
 *                        while appending or dropping finished rows, plus a row being read when batchSize &gt; 1
 * @param activationBytes one prefill chunk's working set (at least one token per row: a decoding step's)
 * @param prefillChunk    tokens per forward pass while reading a prompt
 * @param batchSize       prompts decoded together, at most
 * @param budgetBytes     the budget this plan was made for
 */
public record MemoryPlan(long weightBytes, long kvCacheBytes, long activationBytes, int prefillChunk, int batchSize,
                         long budgetBytes) {
    /** Longest prefill chunk considered; longer chunks add memory without making the prompt faster to read. */
    public static final int MAX_PREFILL_CHUNK = 512;
    /** Prompts decoded together unless the spec says otherwise ({@code evaluator.batchSize}). */
    public static final int DEFAULT_BATCH_SIZE = 8;
    private static final long FLOAT = 4;

    public long totalBytes() {
        return weightBytes + kvCacheBytes + activationBytes;
    }

    /**
     * The plan for one prompt at a time (batch size 1).
     *
     * @param attentionChunkElements the model's bound on attention-score elements per query chunk
     * @throws InsufficientMemoryException when even one token at a time does not fit
     */
    public static MemoryPlan plan(ModelConfig c, int length, long budgetBytes, long attentionChunkElements) {
        return plan(c, length, budgetBytes, attentionChunkElements, 1);
    }

    /**
     * The largest batch size up to {@code maxBatchSize} whose cache and a prefill chunk of at least one token per
     * row fit, with the largest chunk that fits beside it.
     *
     * @param attentionChunkElements the model's bound on attention-score elements per query chunk
     * @param maxBatchSize           the batch size asked for ({@code evaluator.batchSize}, ≥ 1)
     * @throws InsufficientMemoryException when even one prompt, one token at a time, does not fit
     */
    public static MemoryPlan plan(ModelConfig c, int length, long budgetBytes, long attentionChunkElements,
                                  int maxBatchSize) {
        return plan(c, length, budgetBytes, attentionChunkElements, maxBatchSize, false);
    }

    /**
     * {@link #plan(ModelConfig, int, long, long, int)} with the weights stored as float16 when {@code halfWeights}:
     * two bytes per parameter plus the float32 copy of the largest weight the forward pass casts at a time.
     */
    public static MemoryPlan plan(ModelConfig c, int length, long budgetBytes, long attentionChunkElements,
                                  int maxBatchSize, boolean halfWeights) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("evaluator.batchSize must be at least 1 but was " + maxBatchSize);
        }
        long weights = halfWeights ? halfWeightBytes(c) : weightBytes(c);
        for (int batch = maxBatchSize; batch >= 1; batch--) {
            long kv = (batch == 1 ? 1 : batch + 1) * kvCacheBytes(c, length);
            // chunks halve from the largest down to one token per row
            int largest = Math.max(batch, Math.min(length, MAX_PREFILL_CHUNK));
            for (int chunk = largest; ; chunk = Math.max(batch, chunk / 2)) {
                long act = activationBytes(c, chunk, length, attentionChunkElements, batch);
                if (weights + kv + act <= budgetBytes) {
                    return new MemoryPlan(weights, kv, act, chunk, batch, budgetBytes);
                }
                if (chunk == batch) {
                    break;
                }
            }
        }
        long kv = kvCacheBytes(c, length);
        long act = activationBytes(c, 1, length, attentionChunkElements);
        throw new InsufficientMemoryException(String.format(Locale.ROOT,
                "length %d does not fit in memory: it needs about %s (weights %s + key/value cache %s + activations"
                        + " %s) but the evaluator's memory budget is %s; the longest length that fits is %d tokens."
                        + " Lower evaluator.lengths to at most %d, or run the evaluator on a machine (or with a memory"
                        + " budget) large enough for %s",
                length, human(weights + kv + act), human(weights), human(kv), human(act), human(budgetBytes),
                longestFitting(c, budgetBytes, attentionChunkElements),
                longestFitting(c, budgetBytes, attentionChunkElements), human(weights + kv + act)));
    }

    /** The longest length that fits the budget reading the prompt one token at a time (0 if none). */
    public static int longestFitting(ModelConfig c, long budgetBytes, long attentionChunkElements) {
        long lo = 0;
        long hi = Integer.MAX_VALUE;
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            long need = weightBytes(c) + kvCacheBytes(c, mid) + activationBytes(c, 1, mid, attentionChunkElements);
            if (need <= budgetBytes) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (int) lo;
    }

    /** Float16 weights and the largest float32 copy the forward pass makes of one of them (e.g. the LM head). */
    static long halfWeightBytes(ModelConfig c) {
        long largest = 0;
        for (ParameterSpec p : LlamaLayout.parameters(c)) {
            largest = Math.max(largest, p.numel());
        }
        return weightBytes(c) / 2 + largest * FLOAT;
    }

    static long weightBytes(ModelConfig c) {
        long n = 0;
        for (ParameterSpec p : LlamaLayout.parameters(c)) {
            n += p.numel();
        }
        return n * FLOAT;
    }

    /**
     * Keys and values (B=1, Hkv, S, D) for every layer, plus one layer's K and V again while a copy is made (an
     * append to a cache without reserved room, or dropping a batch's finished rows).
     */
    static long kvCacheBytes(ModelConfig c, long length) {
        long perLayer = 2L * c.numKeyValueHeads() * c.headDim() * length * FLOAT;
        return perLayer * (c.numHiddenLayers() + 1);
    }

    /** {@link #activationBytes(ModelConfig, long, long, long, int)} of one row. */
    static long activationBytes(ModelConfig c, long chunk, long prefix, long attentionChunkElements) {
        return activationBytes(c, chunk, prefix, attentionChunkElements, 1);
    }

    /**
     * One pass of {@code chunk} tokens (over {@code batch} rows) attending to {@code prefix} tokens: residual and
     * norm outputs, q/k/v, SwiGLU's three intermediate tensors, the attention scores (three copies: scores, masked,
     * softmax) with their mask, and the chunk's logits with their log-softmax. The attention chunking goes down to
     * one query per row, so the scores take at least batch × heads × prefix elements.
     */
    static long activationBytes(ModelConfig c, long chunk, long prefix, long attentionChunkElements, int batch) {
        long hidden = chunk * c.hiddenSize() * 6L;
        long qkv = chunk * (long) (c.numAttentionHeads() + 2 * c.numKeyValueHeads()) * c.headDim() * 2L;
        long mlp = chunk * c.intermediateSize() * 3L;
        long scoreElements = Math.min(chunk * c.numAttentionHeads() * prefix,
                Math.max(attentionChunkElements, (long) batch * c.numAttentionHeads() * prefix));
        long scores = scoreElements * 3L;
        long maskBytes = (scoreElements / c.numAttentionHeads()) * 21L; // int64 rows/cols compare, float mask
        long logits = chunk * c.vocabSize() * 2L;
        return (hidden + qkv + mlp + scores + logits) * FLOAT + maskBytes;
    }

    /** Physical memory minus the JVM's own heap limit, less a fifth for the OS and other processes. */
    public static long detectedBudgetBytes() {
        long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        long available = total - Runtime.getRuntime().maxMemory();
        return Math.max(0, available / 5 * 4);
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
