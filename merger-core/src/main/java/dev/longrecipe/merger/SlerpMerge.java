package dev.longrecipe.merger;

import dev.longrecipe.schema.spec.MergerParams;
import java.util.Map;

/**
 * Spherical linear interpolation between the two listed models, each tensor flattened to one vector: the result
 * follows the arc between their directions (parameter {@code t}: 0 = the first listed model, 1 = the second). Nearly
 * parallel tensors fall back to linear interpolation, where the arc formula divides by ~0.
 */
public final class SlerpMerge implements MergeMethod {

    public static final String NAME = "slerp";
    public static final String T = "t";

    /** |cos| above this counts as parallel (the arc formula would divide by ~0). */
    private static final double PARALLEL_DOT = 0.9995;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String paperLink() {
        return "https://doi.org/10.1145/325165.325242";
    }

    @Override
    public Map<String, Double> defaults() {
        return Map.of(T, 0.5);
    }

    @Override
    public Map<String, Double> modelDefaults() {
        return Map.of();
    }

    @Override
    public int minInputs() {
        return 2;
    }

    @Override
    public int maxInputs() {
        return 2;
    }

    @Override
    public void validate(TensorMerge.Parameters p) {
        double t = p.get(T);
        if (t < 0 || t > 1) {
            throw new IllegalArgumentException("merger.parameters.t of method 'slerp' must be in [0, 1] (0: the first"
                    + " listed model, 1: the second), got " + t);
        }
    }

    @Override
    public float[] merge(TensorMerge tensor) {
        return slerp(tensor.inputs().get(0), tensor.inputs().get(1), tensor.param(T));
    }

    static float[] slerp(float[] a, float[] b, double t) {
        double normA = norm(a);
        double normB = norm(b);
        double cos = 0;
        if (normA > 0 && normB > 0) {
            double dot = 0;
            for (int i = 0; i < a.length; i++) {
                dot += (double) a[i] * b[i];
            }
            cos = dot / (normA * normB);
        }
        double wA;
        double wB;
        if (normA == 0 || normB == 0 || Math.abs(cos) > PARALLEL_DOT) {
            wA = 1 - t;
            wB = t;
        } else {
            double theta = Math.acos(cos);
            double sin = Math.sin(theta);
            wA = Math.sin((1 - t) * theta) / sin;
            wB = Math.sin(t * theta) / sin;
        }
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (wA * a[i] + wB * b[i]);
        }
        return out;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** t moves away from the base: the base's share λ_base is 1 − t when it is listed first, t when second. */
    @Override
    public MergerParams atBaseShare(MergerParams spec, double lambdaBase) {
        int at = spec.models().keySet().stream().toList().indexOf("base");
        if (at < 0) {
            throw new IllegalArgumentException("merger.sweep: the slerp merge lists no base model, so it has no base"
                    + " share to sweep; list base as one end point");
        }
        return Sweeps.withParameter(spec, T, at == 0 ? 1 - lambdaBase : lambdaBase);
    }
}
