package dev.longrecipe.merger;

import dev.longrecipe.schema.spec.MergerParams;
import java.util.Map;

/**
 * One way of combining models' weights, tensor by tensor (registered in {@link MergeMethods}; definitions follow
 * mergekit's, docs/ALGORITHMS.md §6).
 */
public interface MergeMethod {

    /** Registry name used in the run spec ({@code merger.method}). */
    String name();

    /** Where the method is defined. */
    String paperLink();

    /** Method parameters with their defaults; no other names are accepted. */
    Map<String, Double> defaults();

    /** Per-model parameters with their defaults; a {@code null} default means the parameter is required. */
    Map<String, Double> modelDefaults();

    /**
     * True when the method works on task vectors θ_i − θ_base: the base model is the reference and is not one of the
     * listed inputs. False when the base is an ordinary input (linear) or an end point (slerp) and must be listed to
     * take part.
     */
    default boolean subtractsBase() {
        return false;
    }

    /** Fewest listed input models. */
    default int minInputs() {
        return 1;
    }

    /** Most listed input models. */
    default int maxInputs() {
        return Integer.MAX_VALUE;
    }

    /**
     * True when each output element depends only on the same element of the inputs, so the merger may stream a large
     * tensor in slices. Methods that need whole-tensor statistics (norms, top-k, seeded masks) return false.
     */
    default boolean elementwise() {
        return false;
    }

    /**
     * Checks one set of resolved values (the method's and each input's); throws naming the parameter and the fix.
     * Called for every value a setting can take before any tensor is read, and again per tensor.
     */
    default void validate(TensorMerge.Parameters p) {
    }

    /** Merges one tensor; returns a new array of the inputs' length. */
    float[] merge(TensorMerge tensor);

    /**
     * The same merge with the base model's share set to {@code lambdaBase} (0: none of the base, 1: the base
     * itself), for {@code merger.sweep}. Throws naming the setting when this configuration cannot be swept.
     */
    MergerParams atBaseShare(MergerParams spec, double lambdaBase);
}
