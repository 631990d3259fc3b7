package dev.longrecipe.merger;

import java.util.Map;

/**
 * Spherical linear interpolation between the two weight tensors, each flattened to one vector: the interpolation
 * follows the arc between their directions (parameter {@code t}: 0 = base, 1 = other). Nearly parallel tensors fall
 * back to linear interpolation, where the arc formula divides by ~0.
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
    public void validate(Map<String, Double> params) {
        MergeMethod.super.validate(params);
        double t = params.get(T);
        if (t < 0 || t > 1) {
            throw new IllegalArgumentException("merge parameter 't' of method 'slerp' must be in [0, 1], got " + t);
        }
    }

    @Override
    public float[] merge(float[] base, float[] other, Map<String, Double> params) {
        double t = params.get(T);
        double normBase = norm(base);
        double normOther = norm(other);
        double cos = 0;
        if (normBase > 0 && normOther > 0) {
            double dot = 0;
            for (int i = 0; i < base.length; i++) {
                dot += (double) base[i] * other[i];
            }
            cos = dot / (normBase * normOther);
        }
        double wBase;
        double wOther;
        if (normBase == 0 || normOther == 0 || Math.abs(cos) > PARALLEL_DOT) {
            wBase = 1 - t;
            wOther = t;
        } else {
            double theta = Math.acos(cos);
            double sin = Math.sin(theta);
            wBase = Math.sin((1 - t) * theta) / sin;
            wOther = Math.sin(t * theta) / sin;
        }
        float[] out = new float[base.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (wBase * base[i] + wOther * other[i]);
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
}
