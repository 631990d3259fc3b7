package dev.longrecipe.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Forward + backward of one micro-batch, accumulating gradients into the model's parameters, either in one
 * piece or with layer-wise activation recomputation: a first pass without autograd keeps only each layer's input
 * (B, T, d); the backward pass then re-runs one layer at a time with autograd and back-propagates the gradient
 * of its output into its parameters and its input ({@code JniUtils.backward(out, gradOut)}). Same gradients,
 * peak memory of one layer's activations instead of all of them, one extra forward.
 */
public final class Backpropagation {
    private Backpropagation() {
    }

    /**
     * @param inputIds    (B, T) token ids
     * @param positionIds (B, T) position ids
     * @param lossOf      logits (B, T, V) to a scalar loss whose gradient is accumulated
     * @param recompute   layer-wise activation recomputation
     * @return the loss value
     */
    public static double run(LlamaModel model, NDArray inputIds, NDArray positionIds,
                             Function<NDArray, NDArray> lossOf, boolean recompute) {
        return recompute ? recomputed(model, inputIds, positionIds, lossOf)
                : whole(model, inputIds, positionIds, lossOf);
    }

    private static double whole(LlamaModel model, NDArray inputIds, NDArray positionIds,
                                Function<NDArray, NDArray> lossOf) {
        try (GradMode ignored = GradMode.enabled()) {
            NDArray loss = lossOf.apply(model.forward(inputIds, positionIds));            // ()
            backward(loss, loss.onesLike());
            return loss.getFloat();
        }
    }

    private static double recomputed(LlamaModel model, NDArray inputIds, NDArray positionIds,
                                     Function<NDArray, NDArray> lossOf) {
        int layers = model.config().numHiddenLayers();
        List<NDArray> layerInputs = new ArrayList<>(layers + 1);
        LlamaModel.Rotary rotary;
        LlamaModel.AttentionMask causal = LlamaModel.AttentionMask.causal();
        try (GradMode ignored = GradMode.disabled()) {
            NDArray h = model.embed(inputIds);                                               // (B, T, d)
            rotary = model.rotary(positionIds);                                              // (B, 1, T, D)
            for (int l = 0; l < layers; l++) {
                layerInputs.add(h);
                h = model.decoderLayer(l, h, rotary, null, causal);                          // (B, T, d)
            }
            layerInputs.add(h);
        }
        try (GradMode ignored = GradMode.enabled()) {
            NDArray last = layerInputs.get(layers);
            last.setRequiresGradient(true);
            NDArray loss = lossOf.apply(model.head(last));                                   // ()
            backward(loss, loss.onesLike());
            double value = loss.getFloat();
            NDArray gradOut = last.getGradient();                                            // (B, T, d)
            for (int l = layers - 1; l >= 0; l--) {
                NDArray in = layerInputs.get(l);
                in.setRequiresGradient(true);
                NDArray out = model.decoderLayer(l, in, rotary, null, causal);              // (B, T, d)
                backward(out, gradOut);
                gradOut.close();
                out.close();
                gradOut = in.getGradient();                                                  // (B, T, d)
            }
            NDArray embedded = model.embed(inputIds);                                        // (B, T, d)
            backward(embedded, gradOut);
            gradOut.close();
            embedded.close();
            layerInputs.forEach(NDArray::close);
            return value;
        }
    }

    private static void backward(NDArray output, NDArray gradOutput) {
        JniUtils.backward((PtNDArray) output, (PtNDArray) gradOutput, false, false);
    }
}
