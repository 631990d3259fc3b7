package dev.longrecipe.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * Forward + backward of one micro-batch, accumulating gradients into the model's parameters, in one of two ways.
 *
 * <p><b>Whole</b>: one autograd graph over the forward pass. Fast; keeps every layer's activations, including
 * the attention probabilities (B, H, T, T) of every layer: memory grows with T².
 *
 * <p><b>Recomputed</b> (activation recomputation, memory linear in T): a first pass without autograd keeps only
 * each layer's input (B, T, d). The loss is then taken over chunks of positions (at most
 * {@link LlamaModel#attentionChunkElements()} logits at a time), and each layer, last to first, is re-run and
 * back-propagated in three parts:
 * <ol>
 *   <li>q, k, v from the layer's input, with autograd (linear in T);</li>
 *   <li>attention, one chunk of queries at a time: each chunk's scores (B, H, c, T) are recomputed from
 *       detached q, k, v and back-propagated at once, so only one chunk's scores ever exist — the idea of
 *       FlashAttention's backward, at the granularity of query chunks;</li>
 *   <li>o_proj, residual and MLP, with autograd from a detached attention output.</li>
 * </ol>
 * Same gradients as the whole graph within float tolerance; one extra forward of every layer.
 */
public final class Backpropagation {
    private Backpropagation() {
    }

    /** A loss that sums over positions, so it can be taken chunk by chunk. */
    @FunctionalInterface
    public interface PositionLoss {
        /**
         * @param logits (B, c, V) the logits of positions [start, end) of the micro-batch
         * @return () this chunk's contribution to the loss, in the logits' manager
         */
        NDArray contribution(NDArray logits, long start, long end);
    }

    /**
     * @param inputIds    (B, T) token ids
     * @param positionIds (B, T) position ids
     * @param loss        the loss over positions whose gradient is accumulated
     * @param recompute   activation recomputation (memory linear in T)
     * @return the loss value
     */
    public static double run(LlamaModel model, NDArray inputIds, NDArray positionIds, PositionLoss loss,
                             boolean recompute) {
        return recompute ? recomputed(model, inputIds, positionIds, loss)
                : whole(model, inputIds, positionIds, loss);
    }

    private static double whole(LlamaModel model, NDArray inputIds, NDArray positionIds, PositionLoss lossOf) {
        try (GradMode ignored = GradMode.enabled()) {
            long t = inputIds.getShape().get(1);
            NDArray loss = lossOf.contribution(model.forward(inputIds, positionIds), 0, t);   // ()
            backward(loss, loss.onesLike());
            return loss.getFloat();
        }
    }

    private static double recomputed(LlamaModel model, NDArray inputIds, NDArray positionIds,
                                     PositionLoss lossOf) {
        int layers = model.config().numHiddenLayers();
        List<NDArray> layerInputs = new ArrayList<>(layers + 1);
        LlamaModel.Rotary rotary;
        try (GradMode ignored = GradMode.disabled()) {
            NDArray h = model.embed(inputIds);                                               // (B, T, d)
            rotary = model.rotary(positionIds);                                              // (B, 1, T, D)
            for (int l = 0; l < layers; l++) {
                layerInputs.add(h);
                h = model.decoderLayer(l, h, rotary, null, LlamaModel.AttentionMask.causal()); // (B, T, d)
            }
            layerInputs.add(h);
        }
        try (GradMode ignored = GradMode.enabled()) {
            NDArray last = layerInputs.get(layers);
            double value = headBackward(model, last, lossOf);
            NDArray gradOut = last.getGradient();                                            // (B, T, d)
            for (int l = layers - 1; l >= 0; l--) {
                NDArray gradIn = layerBackward(model, l, layerInputs.get(l), rotary, gradOut); // (B, T, d)
                gradOut.close();
                layerInputs.get(l + 1).close();          // layer l's output and its gradient are no longer needed
                gradOut = gradIn;
            }
            NDArray embedded = model.embed(inputIds);                                        // (B, T, d)
            backward(embedded, gradOut);
            gradOut.close();
            embedded.close();
            layerInputs.get(0).close();
            return value;
        }
    }

    /**
     * Final norm, LM head and loss over chunks of positions, each chunk's logits (B, c, V) back-propagated before
     * the next is made; the gradient of the hidden states collects in {@code last.getGradient()}.
     *
     * @param last (B, T, d) the last layer's output
     * @return the loss value
     */
    private static double headBackward(LlamaModel model, NDArray last, PositionLoss lossOf) {
        long b = last.getShape().get(0);
        long t = last.getShape().get(1);
        long chunk = Math.max(1, Math.min(t, model.attentionChunkElements() / (b * model.config().vocabSize())));
        last.setRequiresGradient(true);
        double value = 0;
        for (long start = 0; start < t; start += chunk) {
            long end = Math.min(t, start + chunk);
            try (NDManager scope = last.getManager().newSubManager()) {
                NDArray hc = last.get(new NDIndex(":, {}:{}, :", start, end));             // (B, c, d)
                hc.attach(scope);
                NDArray loss = lossOf.contribution(model.head(hc), start, end);            // ()
                backward(loss, loss.onesLike());
                value += loss.getFloat();
            }
        }
        return value;
    }

    /**
     * Back-propagates {@code gradOut} through layer l (re-run from its input) into the layer's parameters.
     *
     * @param in      (B, T, d) the layer's input, recorded by the first pass
     * @param gradOut (B, T, d) gradient of the loss with respect to the layer's output
     * @return (B, T, d) gradient with respect to the layer's input, in {@code in}'s manager
     */
    private static NDArray layerBackward(LlamaModel model, int l, NDArray in, LlamaModel.Rotary rotary,
                                         NDArray gradOut) {
        NDManager outer = in.getManager();
        in.setRequiresGradient(true);
        try (NDManager scope = outer.newSubManager()) {
            in.tempAttach(scope);
            // 1. q, k, v with autograd; detached copies are the leaves the attention part back-propagates into
            LlamaModel.QueryKeyValue qkv = model.queryKeyValue(l, in, rotary);   // q (B, H, T, D), k, v (B, Hkv, T, D)
            NDArray q = leaf(qkv.q());
            NDArray k = leaf(qkv.k());
            NDArray v = leaf(qkv.v());

            // 2. attention output without autograd, then o_proj + residual + MLP with it, from a leaf
            NDArray attn;
            try (GradMode ignored = GradMode.disabled()) {
                attn = model.causalAttention(q, k, v, LlamaModel.AttentionMask.causal()); // (B, H, T, D)
            }
            attn.setRequiresGradient(true);
            NDArray out = model.attentionOutputAndMlp(l, in, attn);                        // (B, T, d)
            backward(out, gradOut);                                     // → o_proj, MLP, norm; residual into in
            NDArray gradAttn = attn.getGradient();                                         // (B, H, T, D)
            gradAttn.attach(scope);

            // 3. attention backward one query chunk at a time: gradients of q (per chunk), k and v (accumulated)
            long b = q.getShape().get(0);
            long t = q.getShape().get(2);
            long chunk = model.queryChunk(b, t, t);
            LlamaModel.AttentionMask causal = LlamaModel.AttentionMask.causal();
            for (long start = 0; start < t; start += chunk) {
                long end = Math.min(t, start + chunk);
                try (NDManager chunkScope = scope.newSubManager()) {
                    NDArray kT = LlamaModel.groupedKeysTransposed(k);                      // (B, Hkv, 1, D, S)
                    kT.attach(chunkScope);
                    NDArray vg = LlamaModel.groupedValues(v);                              // (B, Hkv, 1, S, D)
                    vg.attach(chunkScope);
                    NDArray rows = model.attentionRows(q, kT, vg, causal, start, end, chunkScope); // (B, H, c, D)
                    NDArray gradRows = gradAttn.get(new NDIndex(":, :, {}:{}", start, end)); // (B, H, c, D)
                    gradRows.attach(chunkScope);
                    backward(rows, gradRows);
                }
            }

            // 4. q, k and v's gradients back through RoPE, the projections and the norm into in
            NDArray gq = q.getGradient();
            NDArray gk = k.getGradient();
            NDArray gv = v.getGradient();
            NDList grads = new NDList(gq, gk, gv);
            grads.attach(scope);
            NDArray surrogate = qkv.q().mul(gq).sum().add(qkv.k().mul(gk).sum()).add(qkv.v().mul(gv).sum()); // ()
            backward(surrogate, surrogate.onesLike());
            NDArray gradIn = in.getGradient();                                             // (B, T, d)
            gradIn.attach(outer);
            return gradIn;
        }
    }

    /** A detached copy of x (same values, no history) that records gradients. */
    private static NDArray leaf(NDArray x) {
        NDArray detached = x.stopGradient();
        detached.setRequiresGradient(true);
        return detached;
    }

    private static void backward(NDArray output, NDArray gradOutput) {
        JniUtils.backward((PtNDArray) output, (PtNDArray) gradOutput, false, false);
    }
}
