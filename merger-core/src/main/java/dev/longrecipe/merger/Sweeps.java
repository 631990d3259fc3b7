package dev.longrecipe.merger;

import dev.longrecipe.schema.spec.MergeSetting;
import dev.longrecipe.schema.spec.MergerParams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The spec edits behind {@link MergeMethod#atBaseShare}: one place that rewrites weights and parameters. */
final class Sweeps {
    private Sweeps() {
    }

    /**
     * The base's {@code weight} becomes {@code lambdaBase} (when the base is listed); the other models' weights are
     * scaled to sum to 1 − λ_base, keeping their proportions (equal shares when they sum to 0).
     */
    static MergerParams withWeights(MergerParams spec, double lambdaBase, String weight) {
        List<String> others = spec.models().keySet().stream().filter(n -> !n.equals("base")).toList();
        double sum = 0;
        for (String name : others) {
            sum += plain(spec, name, weight);
        }
        Map<String, Map<String, MergeSetting>> models = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, MergeSetting>> e : spec.models().entrySet()) {
            Map<String, MergeSetting> p = new LinkedHashMap<>(e.getValue());
            double w = e.getKey().equals("base") ? lambdaBase
                    : (1 - lambdaBase) * (Math.abs(sum) < 1e-12 ? 1.0 / others.size()
                    : plain(spec, e.getKey(), weight) / sum);
            p.put(weight, MergeSetting.of(w));
            models.put(e.getKey(), p);
        }
        return new MergerParams(spec.method(), models, spec.parameters(), List.of(), spec.sweepMaxPerplexityRise());
    }

    /** The method parameter {@code name} set to {@code value}. */
    static MergerParams withParameter(MergerParams spec, String name, double value) {
        Map<String, MergeSetting> p = new LinkedHashMap<>(spec.parameters());
        p.put(name, MergeSetting.of(value));
        return new MergerParams(spec.method(), spec.models(), p, List.of(), spec.sweepMaxPerplexityRise());
    }

    /** A method parameter's plain number, or {@code dflt} when the spec does not set it. */
    static double plainParameter(MergerParams spec, String name, double dflt) {
        MergeSetting s = spec.parameters().get(name);
        if (s == null) {
            return dflt;
        }
        if (s.number() == null) {
            throw new IllegalArgumentException("merger.sweep: merger.parameters." + name + " is " + s + "; a sweep"
                    + " rescales it, so give it as one number");
        }
        return s.number();
    }

    private static double plain(MergerParams spec, String model, String weight) {
        MergeSetting s = spec.models().get(model).get(weight);
        if (s == null || s.number() == null) {
            throw new IllegalArgumentException("merger.sweep: merger.models." + model + "." + weight + " is "
                    + (s == null ? "not set" : s.toString()) + "; a sweep rescales the weights, so give each as one"
                    + " number");
        }
        return s.number();
    }
}
