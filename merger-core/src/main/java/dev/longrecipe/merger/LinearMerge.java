package dev.longrecipe.merger;

import java.util.LinkedHashMap;
import java.util.Map;

/** LongRecipe's merge: θ = λ1·θ_base + λ2·θ_replay, element-wise (λ1 = λ2 = 0.5 in the paper). */
public final class LinearMerge implements MergeMethod {

    public static final String NAME = "linear";
    public static final String LAMBDA_BASE = "lambdaBase";
    public static final String LAMBDA_REPLAY = "lambdaReplay";

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
        Map<String, Double> d = new LinkedHashMap<>();
        d.put(LAMBDA_BASE, 0.5); // the paper's λ1: share of the original short-context model
        d.put(LAMBDA_REPLAY, 0.5); // the paper's λ2: share of the extended + replay-trained model
        return d;
    }

    @Override
    public boolean elementwise() {
        return true;
    }

    @Override
    public float[] merge(float[] base, float[] other, Map<String, Double> params) {
        float lambdaBase = params.get(LAMBDA_BASE).floatValue();
        float lambdaReplay = params.get(LAMBDA_REPLAY).floatValue();
        float[] out = new float[base.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = lambdaBase * base[i] + lambdaReplay * other[i];
        }
        return out;
    }
}
