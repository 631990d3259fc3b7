package dev.longrecipe.merger;

import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.hf.TensorInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks that two models can be merged tensor by tensor: same names, shapes and float dtypes. */
final class ModelCompatibility {

    private ModelCompatibility() {
    }

    /** Throws {@link IllegalArgumentException} naming the first incompatible tensor and both sides' values. */
    static void check(HfModelFolder base, HfModelFolder other) {
        Set<String> baseNames = new LinkedHashSet<>(base.tensorNames());
        Set<String> otherNames = new LinkedHashSet<>(other.tensorNames());
        List<String> onlyBase = new ArrayList<>(baseNames);
        onlyBase.removeAll(otherNames);
        List<String> onlyOther = new ArrayList<>(otherNames);
        onlyOther.removeAll(baseNames);
        if (!onlyBase.isEmpty() || !onlyOther.isEmpty()) {
            throw new IllegalArgumentException("models have different tensors: " + describe(onlyBase, base) + "; "
                    + describe(onlyOther, other) + ". Merge checkpoints of the same architecture (the extended model must come from the base model)");
        }
        for (String name : other.tensorNames()) {
            TensorInfo b = base.info(name);
            TensorInfo o = other.info(name);
            if (!Arrays.equals(b.shape(), o.shape())) {
                throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(b.shape()) + " in "
                        + base.path() + " but " + Arrays.toString(o.shape()) + " in " + other.path()
                        + "; the models have different architectures and cannot be merged");
            }
            if (b.dtype() != o.dtype()) {
                throw new IllegalArgumentException("tensor '" + name + "' is " + b.dtype() + " in " + base.path() + " but "
                        + o.dtype() + " in " + other.path() + "; save both models in the same dtype before merging");
            }
            if (!o.dtype().isFloat32Decodable()) {
                throw new IllegalArgumentException("tensor '" + name + "' is " + o.dtype()
                        + "; merging handles F32, F16 and BF16 weights only");
            }
        }
    }

    private static String describe(List<String> missingElsewhere, HfModelFolder owner) {
        if (missingElsewhere.isEmpty()) {
            return "nothing only in " + owner.path();
        }
        return missingElsewhere.size() + " only in " + owner.path() + " (e.g. "
                + missingElsewhere.subList(0, Math.min(5, missingElsewhere.size())) + ")";
    }
}
