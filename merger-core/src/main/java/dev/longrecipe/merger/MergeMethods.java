package dev.longrecipe.merger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The one registry of merge methods, by name. */
public final class MergeMethods {

    private static final Map<String, MergeMethod> REGISTRY = registry(new LinearMerge(), new SlerpMerge(),
            TaskVectorMerge.TASK_ARITHMETIC, TaskVectorMerge.TIES, TaskVectorMerge.DARE_LINEAR,
            TaskVectorMerge.DARE_TIES);

    private MergeMethods() {
    }

    private static Map<String, MergeMethod> registry(MergeMethod... methods) {
        Map<String, MergeMethod> out = new LinkedHashMap<>();
        for (MergeMethod m : methods) {
            out.put(m.name(), m);
        }
        return Map.copyOf(out);
    }

    /** Registered names, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(REGISTRY.keySet());
    }

    /** The method called {@code name}; an unknown name is an error listing the valid ones. */
    public static MergeMethod byName(String name) {
        MergeMethod m = REGISTRY.get(name);
        if (m == null) {
            throw new IllegalArgumentException("merger.method: unknown merge method '" + name + "'; valid methods are "
                    + String.join(", ", names()));
        }
        return m;
    }
}
