package dev.longrecipe.model.plan;

import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaLayout;
import dev.longrecipe.model.llama.ParameterSpec;

import java.util.Locale;

/**
 * Estimated peak memory of one training micro-batch (B samples of T tokens) of a Llama-family model on this
 * project's training path, counted tensor by tensor from the code (float32 weights, gradients and AdamW moments;
 * docs/MEMORY.md derives each term):
 * <ul>
 *   <li><b>recompute</b> ({@code Backpropagation}'s recomputed path): every layer's input (B, T, d), freed with
 *       its gradient once the layer below is done; one layer's re-run working set (q/k/v with RoPE and their gradients, the
 *       attention output and its gradient, o_proj, residual and SwiGLU); one query chunk's attention scores
 *       (≤ the model's attention chunk elements) with softmax and gradients; one position chunk's logits. Linear
 *       in T.</li>
 *   <li><b>whole graph</b>: every layer's working set and its attention probabilities (B, H, T, T) are kept for
 *       the backward pass, plus the full logits: quadratic in T.</li>
 * </ul>
 *
 * @param weightBytes     parameters on the device
 * @param gradientBytes   one float32 gradient per parameter
 * @param optimizerBytes  AdamW's two float32 moments per parameter
 * @param activationBytes the micro-batch's peak working set
 * @param runtimeBytes    the process itself (JVM, libtorch), a constant measured on this machine; 0 for a GPU's
 *                        device memory
 */
public record TrainingMemory(long weightBytes, long gradientBytes, long optimizerBytes, long activationBytes,
                             long runtimeBytes) {
    /** Resident size of a JVM with DJL's PyTorch engine loaded and a tiny model trained (measured, Linux x86-64). */
    public static final long CPU_RUNTIME_BYTES = 330L << 20;
    private static final long FLOAT = 4;
    /** Score-sized buffers at the peak of a query chunk's backward (fitted to measured peaks, docs/MEMORY.md). */
    private static final long ATTENTION_COPIES = 9;
    /** Logits-sized buffers at the peak of a loss chunk's backward (fitted to measured peaks, docs/MEMORY.md). */
    private static final long LOSS_COPIES = 18;

    public long totalBytes() {
        return weightBytes + gradientBytes + optimizerBytes + activationBytes + runtimeBytes;
    }

    /**
     * @param batch                  samples per forward/backward pass (micro-batch)
     * @param seqLen                 tokens per sample
     * @param recompute              the recomputed path (memory linear in T) or the whole graph
     * @param attentionChunkElements the model's bound on attention-score elements per query chunk
     * @param runtimeBytes           {@link #CPU_RUNTIME_BYTES} for a process on the CPU, 0 for device memory
     */
    public static TrainingMemory estimate(ModelConfig c, int batch, long seqLen, boolean recompute,
                                          long attentionChunkElements, long runtimeBytes) {
        long params = parameterCount(c);
        long tokens = (long) batch * seqLen;
        long heads = c.numAttentionHeads();
        long qkvWidth = (heads + 2L * c.numKeyValueHeads()) * c.headDim();
        // floats per token of one layer's working set: norm output, q/k/v and RoPE's rotate-half, mul, mul, add
        // on q and k, the attention output, o_proj's input copy, residual, second norm, gate, sigmoid, silu·up,
        // up, down and the output
        long layerPerToken = 3L * c.hiddenSize() + 4L * qkvWidth + 2L * heads * c.headDim() + 5L * c.intermediateSize();
        long rotary = 6L * tokens * c.headDim();
        long activations;
        if (recompute) {
            long chunk = Math.max(1, Math.min(seqLen, attentionChunkElements / Math.max(1, batch * heads * seqLen)));
            long scores = (long) batch * heads * chunk * seqLen;                   // one query chunk's (B, H, c, T)
            long mask = chunk * seqLen * 5L / FLOAT;                                // bool + float (c, T)
            long headChunk = Math.max(1, Math.min(seqLen, attentionChunkElements / ((long) batch * c.vocabSize())));
            long logits = (long) batch * headChunk * c.vocabSize();
            long inputsAndGradients = (c.numHiddenLayers() + 3L) * tokens * c.hiddenSize(); // inputs, 2 gradients
            // the re-run layer's intermediates with q/k/v and attention-output leaves and their gradients
            long layer = tokens * (layerPerToken + qkvWidth + 2L * heads * c.headDim());
            // the peak is either a query chunk's backward inside a layer (nine score-sized copies: q·kᵀ, scaled,
            // masked, softmax and the gradients of each and of the matMul operands) or a loss chunk's backward
            long attentionPhase = layer + ATTENTION_COPIES * scores + mask;
            long lossPhase = LOSS_COPIES * logits;
            activations = inputsAndGradients + rotary + Math.max(attentionPhase, lossPhase);
        } else {
            long probabilities = (long) batch * heads * seqLen * seqLen;           // softmax output, kept per layer
            long chunk = Math.max(1, Math.min(seqLen, attentionChunkElements / Math.max(1, batch * heads * seqLen)));
            long inFlight = 3L * batch * heads * chunk * seqLen;                   // the chunk being computed
            long logits = tokens * c.vocabSize() * 3L;                              // logits, log-softmax, gradient
            activations = c.numHiddenLayers() * (tokens * (layerPerToken + c.hiddenSize()) + probabilities)
                    + rotary + inFlight + logits + 2L * tokens * c.hiddenSize();
        }
        return new TrainingMemory(params * FLOAT, params * FLOAT, 2 * params * FLOAT, activations * FLOAT,
                runtimeBytes);
    }

    /** Learnable parameters (a tied LM head counts once). */
    public static long parameterCount(ModelConfig c) {
        long n = 0;
        for (ParameterSpec p : LlamaLayout.parameters(c)) {
            n += p.numel();
        }
        return n;
    }

    public static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}
