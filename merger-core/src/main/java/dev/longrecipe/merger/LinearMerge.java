package dev.longrecipe.merger;

import dev.longrecipe.schema.spec.MergeSetting;
import dev.longrecipe.schema.spec.MergerParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A weighted sum of the listed models, element by element: θ = Σ w_i·θ_i, divided by Σ w_i when {@code normalize}.
 * LongRecipe's merge is this with base and replay at 0.5 each (the paper's λ1 = λ2 = 0.5).
 */
public final class LinearMerge implements MergeMethod {

    public static final String NAME = "linear";
    public static final String WEIGHT = "weight";
    public static final String NORMALIZE = "normalize";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String paperLink() {
        return "https://arxiv.org/abs/2409.00509";
    }

    @Override
    public Map<String, Double> defaults() {
        return Map.of(NORMALIZE, 1.0); // mergekit's default; with weights summing to 1 it changes nothing
    }

    @Override
    public Map<String, Double> modelDefaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put(WEIGHT, null);
        return d;
    }

    @Override
    public boolean elementwise() {
        return true;
    }

    @Override
    public void validate(TensorMerge.Parameters p) {
        double sum = 0;
        for (int i = 0; i < p.inputs().size(); i++) {
            sum += p.of(i, WEIGHT);
        }
        if (p.get(NORMALIZE) != 0 && Math.abs(sum) < 1e-8) {
            throw new IllegalArgumentException("merger.models: the weights " + p.inputNames() + " sum to 0 and"
                    + " merger.parameters.normalize divides by that sum; give weights that do not cancel, or set"
                    + " normalize: false");
        }
    }

    @Override
    public float[] merge(TensorMerge t) {
        int n = t.inputs().size();
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = t.inputParam(i, WEIGHT);
            sum += w[i];
        }
        if (t.param(NORMALIZE) != 0) {
            for (int i = 0; i < n; i++) {
                w[i] /= sum;
            }
        }
        float[] out = new float[t.base().length];
        for (int i = 0; i < n; i++) {
            float wi = (float) w[i];
            float[] x = t.inputs().get(i);
            for (int j = 0; j < out.length; j++) {
                out[j] += wi * x[j];
            }
        }
        return out;
    }

    /** λ_base is the base's weight; the other models share 1 − λ_base in the proportions the spec gives them. */
    @Override
    public MergerParams atBaseShare(MergerParams spec, double lambdaBase) {
        if (!spec.models().containsKey("base")) {
            throw new IllegalArgumentException("merger.sweep: the linear merge lists no base model, so it has no base"
                    + " share to sweep; add merger.models.base");
        }
        return Sweeps.withWeights(spec, lambdaBase, WEIGHT);
    }
}
