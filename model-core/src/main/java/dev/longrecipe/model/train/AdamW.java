package dev.longrecipe.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.model.llama.GradMode;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.llama.ParameterSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with decoupled weight decay, the update of PyTorch's {@code torch.optim.AdamW}: decay
 * {@code p *= 1 - lr·wd} (matrices and embeddings only; not norms or biases), then
 * {@code p -= lr / (1 − β1^t) · m / (sqrt(v) / sqrt(1 − β2^t) + eps)}. Moments are float32 on the model's device.
 */
public final class AdamW implements AutoCloseable {
    private final LlamaModel model;
    private final AdamWSettings settings;
    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long step;

    public AdamW(LlamaModel model, AdamWSettings settings) {
        if (model.storage() != ai.djl.ndarray.types.DataType.FLOAT32) {
            throw new IllegalArgumentException("training needs float32 weights but this model stores "
                    + model.storage() + "; load it with LlamaModel.load(dir, device) (float16 storage is for scoring"
                    + " and decoding)");
        }
        this.model = model;
        this.settings = settings;
        this.manager = model.manager().newSubManager();
        for (ParameterSpec spec : model.parameterSpecs()) {
            firstMoments.put(spec.name(), manager.zeros(new Shape(spec.shape()), DataType.FLOAT32));
            secondMoments.put(spec.name(), manager.zeros(new Shape(spec.shape()), DataType.FLOAT32));
        }
    }

    /** Applies one update with learning rate {@code lr} from the parameters' accumulated gradients. */
    public void update(double lr) {
        step++;
        double bias1 = 1 - Math.pow(settings.beta1(), step);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(settings.beta2(), step));
        try (GradMode ignored = GradMode.disabled(); NDManager scope = manager.newSubManager()) {
            NDArray beta1 = scalar(scope, settings.beta1());
            NDArray oneMinusBeta1 = scalar(scope, 1 - settings.beta1());
            NDArray beta2 = scalar(scope, settings.beta2());
            NDArray oneMinusBeta2 = scalar(scope, 1 - settings.beta2());
            NDArray decay = scalar(scope, 1 - lr * settings.weightDecay());
            NDArray stepSize = scalar(scope, lr / bias1);
            NDArray bias2 = scalar(scope, bias2Sqrt);
            NDArray eps = scalar(scope, settings.eps());
            for (ParameterSpec spec : model.parameterSpecs()) {
                NDArray p = model.param(spec.name());
                NDArray g = p.getGradient();
                g.attach(scope);
                NDArray m = firstMoments.get(spec.name());
                NDArray v = secondMoments.get(spec.name());
                // results of ops on m and v belong to their manager: lend them to the scope for this update, or
                // every step would leave five parameter-sized temporaries in the optimizer's long-lived manager
                m.tempAttach(scope);
                v.tempAttach(scope);
                if (spec.decays() && settings.weightDecay() != 0) {
                    p.muli(decay);
                }
                m.muli(beta1).addi(g.mul(oneMinusBeta1));
                v.muli(beta2).addi(g.square().mul(oneMinusBeta2));
                NDArray denom = v.sqrt().div(bias2).add(eps);
                p.subi(m.div(denom).mul(stepSize));
            }
        }
    }

    private static NDArray scalar(NDManager m, double value) {
        return m.full(new Shape(), (float) value, DataType.FLOAT32);
    }

    /** Number of updates applied so far (the optimizer step t). */
    public long step() {
        return step;
    }

    public AdamWSettings settings() {
        return settings;
    }

    /** One parameter's first moment (exp_avg), copied to the JVM. */
    public float[] firstMoment(String name) {
        return moment(firstMoments, name).toFloatArray();
    }

    /** One parameter's second moment (exp_avg_sq), copied to the JVM. */
    public float[] secondMoment(String name) {
        return moment(secondMoments, name).toFloatArray();
    }

    /** Overwrites one parameter's moments in place (streamed restore: one tensor on the heap at a time). */
    public void restoreMoments(String name, float[] first, float[] second) {
        moment(firstMoments, name).set(first);
        moment(secondMoments, name).set(second);
    }

    /** Sets the number of updates made, after {@link #restoreMoments} for every parameter. */
    public void restoreStep(long savedStep) {
        this.step = savedStep;
    }

    private static NDArray moment(Map<String, NDArray> moments, String name) {
        NDArray m = moments.get(name);
        if (m == null) {
            throw new IllegalArgumentException("optimizer has no parameter '" + name + "'");
        }
        return m;
    }

    @Override
    public void close() {
        manager.close();
    }
}
