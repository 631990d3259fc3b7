package dev.longrecipe.schema.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model merging (docs/ALGORITHMS.md §6). The paper's merge is the default: θ = 0.5·θ_base + 0.5·θ_replay.
 *
 * @param method     merge method registered in merger-core: linear, slerp, task_arithmetic, ties, dare_linear,
 *                   dare_ties
 * @param models     the run's models to merge, by name ({@link #MODEL_NAMES}), each with its per-model parameters
 *                   (weight; density for ties and dare); the base model is the reference the task-vector methods
 *                   subtract and takes no parameters there
 * @param parameters method parameters (slerp t; normalize; lambda …); any value may be a {@link MergeSetting}
 *                   gradient or filter list
 * @param sweep      λ_base values (the base model's share, 0–1): one more merged model per value, each evaluated,
 *                   the report shows the trade-off; empty → no sweep
 * @param sweepMaxPerplexityRise the rule that picks the sweep's best λ: highest NIAH at L′ among the merged models
 *                   whose short-text perplexity is at most (1 + this) × the base model's
 */
public record MergerParams(String method, Map<String, Map<String, MergeSetting>> models,
        Map<String, MergeSetting> parameters, List<Double> sweep, double sweepMaxPerplexityRise) {

    /** The models of a run a merge can take. */
    public static final List<String> MODEL_NAMES = List.of("base", "extended", "replay");

    public MergerParams {
        Map<String, Map<String, MergeSetting>> ordered = new LinkedHashMap<>();
        if (models != null) {
            models.forEach((name, p) -> ordered.put(name, p == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(p))));
        }
        models = Collections.unmodifiableMap(ordered);
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        sweep = sweep == null ? List.of() : List.copyOf(sweep);
    }

    /** The same merge without its sweep: what the spec's own merged model is made of. */
    public MergerParams withoutSweep() {
        return new MergerParams(method, models, parameters, List.of(), sweepMaxPerplexityRise);
    }

    public static MergerParams defaults() {
        Map<String, Map<String, MergeSetting>> models = new LinkedHashMap<>();
        models.put("base", Map.of("weight", MergeSetting.of(0.5))); // the paper's λ1
        models.put("replay", Map.of("weight", MergeSetting.of(0.5))); // the paper's λ2
        return new MergerParams("linear", models, Map.of(), List.of(), 0.05);
    }
}
