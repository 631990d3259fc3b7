package dev.longrecipe.merger;

import java.util.Map;

/** One way of combining two models' weights, tensor by tensor (registered in {@link MergeMethods}). */
public interface MergeMethod {

    /** Registry name used in the run spec ({@code merger.method}). */
    String name();

    /** Where the method is defined. */
    String paperLink();

    /** Declared parameters with their defaults; no other parameter names are accepted. */
    Map<String, Double> defaults();

    /**
     * Merges one tensor. {@code base} and {@code other} have the same length and layout; returns a new array of that
     * length. {@code params} holds every declared parameter (defaults already filled in).
     */
    float[] merge(float[] base, float[] other, Map<String, Double> params);

    /**
     * True when each output element depends only on the same element of the inputs, so the merger may stream a large
     * tensor through {@link #merge} in slices. Methods that need whole-tensor statistics (norms, angles) return false.
     */
    default boolean elementwise() {
        return false;
    }

    /** Checks parameter values beyond their names (e.g. finiteness); throws with a message naming the parameter. */
    default void validate(Map<String, Double> params) {
        params.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("merge parameter '" + k + "' of method '" + name() + "' must be a finite number, got " + v);
            }
        });
    }
}
