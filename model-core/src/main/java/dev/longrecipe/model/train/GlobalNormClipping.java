package dev.longrecipe.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.model.llama.GradMode;
import dev.longrecipe.model.llama.LlamaModel;

/**
 * Global-norm gradient clipping as {@code torch.nn.utils.clip_grad_norm_}: the L2 norm over all parameters'
 * gradients together; if above {@code maxNorm}, every gradient is scaled by {@code maxNorm / (norm + 1e-6)}.
 * (DJL's optClipGrad clips element-wise, which is a different thing.)
 */
public final class GlobalNormClipping {
    private GlobalNormClipping() {
    }

    /** Clips in place and returns the norm before clipping; {@code maxNorm <= 0} only measures. */
    public static double clip(LlamaModel model, double maxNorm) {
        try (GradMode ignored = GradMode.disabled(); NDManager scope = model.manager().newSubManager()) {
            double sumSquares = 0;
            for (NDArray p : model.parameters().values()) {
                NDArray g = p.getGradient();
                g.attach(scope);
                sumSquares += g.square().sum().toType(DataType.FLOAT64, false).getDouble();
            }
            double norm = Math.sqrt(sumSquares);
            double coefficient = maxNorm / (norm + 1e-6);
            if (maxNorm > 0 && coefficient < 1) {
                NDArray c = scope.full(new Shape(), (float) coefficient, DataType.FLOAT32);
                for (NDArray p : model.parameters().values()) {
                    NDArray g = p.getGradient();
                    g.attach(scope);
                    g.muli(c);
                }
            }
            return norm;
        }
    }
}
