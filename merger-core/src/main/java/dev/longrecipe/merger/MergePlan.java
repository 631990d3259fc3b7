package dev.longrecipe.merger;

import dev.longrecipe.schema.spec.MergeSetting;
import dev.longrecipe.schema.spec.MergerParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A merge ready to run: the method, the listed input models in order, and every parameter setting, checked before any
 * tensor is read. {@link #forTensor} resolves the settings (numbers, gradients over the layers, name filters) for one
 * tensor.
 */
public final class MergePlan {
    private final MergeMethod method;
    private final Map<String, Map<String, MergeSetting>> models;
    private final Map<String, MergeSetting> parameters;
    private final long seed;

    private MergePlan(MergeMethod method, Map<String, Map<String, MergeSetting>> models,
                      Map<String, MergeSetting> parameters, long seed) {
        this.method = method;
        this.models = models;
        this.parameters = parameters;
        this.seed = seed;
    }

    /**
     * The plan of the spec's {@code merger} section; {@code seed} is the run's (methods with random masks derive one
     * per tensor from it). Throws {@link IllegalArgumentException} naming the spec field and the fix.
     */
    public static MergePlan of(MergerParams spec, long seed) {
        MergeMethod method = MergeMethods.byName(spec.method());
        Map<String, Map<String, MergeSetting>> models = new LinkedHashMap<>(spec.models());
        if (method.subtractsBase() && models.containsKey("base")) {
            throw new IllegalArgumentException("merger.models.base: method '" + method.name() + "' adds the listed"
                    + " models' differences from the base model to the base, so the base takes no weight; list only"
                    + " the other models (e.g. merger.models: {replay: {weight: 1.0}})");
        }
        if (models.size() < method.minInputs() || models.size() > method.maxInputs()) {
            throw new IllegalArgumentException("merger.models: method '" + method.name() + "' merges "
                    + (method.minInputs() == method.maxInputs() ? String.valueOf(method.minInputs())
                    : "at least " + method.minInputs()) + " listed model(s), got " + models.size() + " "
                    + models.keySet() + (method.name().equals("slerp")
                    ? "; list the end points, e.g. {base: {}, replay: {}}" : ""));
        }
        models.forEach((name, params) -> params.keySet().forEach(p -> {
            if (!method.modelDefaults().containsKey(p)) {
                throw new IllegalArgumentException("merger.models." + name + "." + p + ": method '" + method.name()
                        + "' has no per-model parameter '" + p + "'; " + (method.modelDefaults().isEmpty()
                        ? "it takes none" : "its per-model parameters are " + new TreeSet<>(method.modelDefaults().keySet())));
            }
        }));
        spec.parameters().keySet().forEach(p -> {
            if (!method.defaults().containsKey(p)) {
                throw new IllegalArgumentException("merger.parameters." + p + ": method '" + method.name()
                        + "' has no parameter '" + p + "'; " + (method.defaults().isEmpty() ? "it takes none"
                        : "its parameters are " + new TreeSet<>(method.defaults().keySet())));
            }
        });
        MergePlan plan = new MergePlan(method, models, spec.parameters(), seed);
        plan.checkEverySetting();
        return plan;
    }

    public MergeMethod method() {
        return method;
    }

    /** {@code merger.models}: each listed input model's settings, in the spec's order. */
    public Map<String, Map<String, MergeSetting>> models() {
        return Collections.unmodifiableMap(models);
    }

    /** {@code merger.parameters}: the method's settings as the spec gives them (the method's defaults apart). */
    public Map<String, MergeSetting> parameters() {
        return parameters;
    }

    /** The listed input models, in the spec's order. */
    public List<String> inputs() {
        return List.copyOf(models.keySet());
    }

    /** Every model the merge reads: the listed inputs, and the base when the method subtracts it. */
    public Set<String> modelsRead() {
        Set<String> out = new LinkedHashSet<>();
        if (method.subtractsBase()) {
            out.add("base");
        }
        out.addAll(models.keySet());
        return out;
    }

    /** The model whose config.json and tokenizer the merged folder carries: the first listed model other than base. */
    public String configSource() {
        return models.keySet().stream().filter(n -> !n.equals("base")).findFirst().orElse("base");
    }

    public long seed() {
        return seed;
    }

    /** The method's and each input's values for one tensor ({@code depth}: 0 first layer … 1 last). */
    public TensorMerge.Parameters forTensor(String tensor, double depth) {
        Map<String, Double> m = new LinkedHashMap<>(method.defaults());
        parameters.forEach((name, setting) -> {
            Double v = setting.at(tensor, depth);
            if (v != null) {
                m.put(name, v);
            }
        });
        List<Map<String, Double>> inputs = new ArrayList<>();
        for (Map.Entry<String, Map<String, MergeSetting>> model : models.entrySet()) {
            Map<String, Double> values = new LinkedHashMap<>();
            method.modelDefaults().forEach((name, dflt) -> {
                MergeSetting s = model.getValue().get(name);
                Double v = s == null ? null : s.at(tensor, depth);
                if (v == null) {
                    v = dflt;
                }
                if (v == null) {
                    throw new IllegalArgumentException("merger.models." + model.getKey() + "." + name
                            + " is required by method '" + method.name() + "'" + (s == null ? ""
                            : " and none of its filters matches " + (tensor.isEmpty() ? "every tensor"
                            : "tensor '" + tensor + "'") + "; add a condition without a filter as the last one"));
                }
                values.put(name, v);
            });
            inputs.add(values);
        }
        m.forEach((name, v) -> {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("merger.parameters." + name + " must be a finite number, got " + v);
            }
        });
        List<String> names = inputs();
        for (int i = 0; i < inputs.size(); i++) {
            String model = names.get(i);
            inputs.get(i).forEach((name, v) -> {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("merger.models." + model + "." + name
                            + " must be a finite number, got " + v);
                }
            });
        }
        TensorMerge.Parameters p = new TensorMerge.Parameters(m, names, inputs);
        method.validate(p);
        return p;
    }

    /**
     * Resolves and validates the parameters at every place a setting can change value — each filter's own name and a
     * name no filter matches, at depth 0, 1 and every gradient knot — so a bad value is refused before any tensor is
     * read.
     */
    private void checkEverySetting() {
        List<MergeSetting> all = new ArrayList<>(parameters.values());
        models.values().forEach(p -> all.addAll(p.values()));
        Set<String> names = new LinkedHashSet<>();
        names.add("");
        Set<Double> depths = new TreeSet<>(List.of(0.0, 1.0));
        for (MergeSetting s : all) {
            for (MergeSetting.Condition c : s.conditions()) {
                if (c.filter() != null) {
                    names.add(c.filter());
                }
                int knots = c.values().size();
                for (int k = 0; k < knots && knots > 1; k++) {
                    depths.add((double) k / (knots - 1));
                }
            }
        }
        for (String name : names) {
            for (double depth : depths) {
                forTensor(name, depth);
            }
        }
    }
}
