package dev.longrecipe.merger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The one registry of merge methods, by name. */
public final class MergeMethods {

    private static final Map<String, MergeMethod> REGISTRY = Map.of(
            LinearMerge.NAME, new LinearMerge(),
            SlerpMerge.NAME, new SlerpMerge());

    private MergeMethods() {
    }

    /** Registered names, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(REGISTRY.keySet());
    }

    /** The method called {@code name}; an unknown name is an error listing the valid ones. */
    public static MergeMethod byName(String name) {
        MergeMethod m = REGISTRY.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown merge method '" + name + "'; valid methods are " + String.join(", ", names()));
        }
        return m;
    }

    /**
     * The method's declared parameters with {@code given} values applied over the defaults, validated.
     * An undeclared parameter name is an error listing the declared ones.
     */
    public static Map<String, Double> resolveParameters(MergeMethod method, Map<String, Double> given) {
        Map<String, Double> out = new LinkedHashMap<>(method.defaults());
        if (given != null) {
            for (Map.Entry<String, Double> e : given.entrySet()) {
                if (!out.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("merge method '" + method.name() + "' has no parameter '" + e.getKey()
                            + "'; its parameters are " + String.join(", ", new TreeSet<>(method.defaults().keySet())));
                }
                out.put(e.getKey(), e.getValue());
            }
        }
        method.validate(out);
        return Map.copyOf(out);
    }
}
