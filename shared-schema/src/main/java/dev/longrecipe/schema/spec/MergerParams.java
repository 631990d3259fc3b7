package dev.longrecipe.schema.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model merging (docs/ALGORITHMS.md §6). The paper's merge is the default: θ = 0.5·θ_base + 0.5·θ_replay. A knob
 * left out (null) takes the default written in the compact constructor.
 *
 * @param method     one of {@link #METHODS}: linear, slerp, task_arithmetic, ties, dare_linear, dare_ties
 * @param models     the run's models to merge, by name ({@link #MODEL_NAMES}), each with its per-model parameters
 *                   (weight; density for ties and dare); the base model is the reference the task-vector methods
 *                   subtract and takes no parameters there; absent → base and replay, weight 0.5 each (the
 *                   paper's λ1 and λ2)
 * @param parameters method parameters (slerp t; normalize; lambda …); any value may be a {@link MergeSetting}
 *                   gradient or filter list
 * @param sweep      λ_base values (the base model's share, 0–1): one more merged model per value, each evaluated,
 *                   the report shows the trade-off; empty → no sweep
 * @param sweepMaxPerplexityRise the rule that picks the sweep's best λ: highest NIAH at L′ among the merged models
 *                   whose short-text perplexity is at most (1 + this) × the base model's
 */
public record MergerParams(String method, Map<String, Map<String, MergeSetting>> models,
        Map<String, MergeSetting> parameters, List<Double> sweep, Double sweepMaxPerplexityRise) {

    /** Merge methods; merger-core's {@code MergeMethods} registers one class per name. */
    public static final List<String> METHODS = List.of("linear", "slerp", "task_arithmetic", "ties", "dare_linear",
            "dare_ties");

    /** The models of a run a merge can take. */
    public static final List<String> MODEL_NAMES = List.of("base", "extended", "replay");

    public MergerParams {
        method = method != null ? method : "linear";
        if (models == null) {
            models = new LinkedHashMap<>();
            models.put("base", Map.of("weight", MergeSetting.of(0.5)));
            models.put("replay", Map.of("weight", MergeSetting.of(0.5)));
        }
        Map<String, Map<String, MergeSetting>> ordered = new LinkedHashMap<>();
        models.forEach((name, p) -> ordered.put(name, p == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(p))));
        models = Collections.unmodifiableMap(ordered);
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        sweep = sweep == null ? List.of() : List.copyOf(sweep);
        sweepMaxPerplexityRise = sweepMaxPerplexityRise != null ? sweepMaxPerplexityRise : 0.05;
    }

    /** The same merge without its sweep: what the spec's own merged model is made of. */
    public MergerParams withoutSweep() {
        return new MergerParams(method, models, parameters, List.of(), sweepMaxPerplexityRise);
    }

    /** Every knob at its default. */
    public static MergerParams defaults() {
        return SpecSections.empty(MergerParams.class);
    }
}
