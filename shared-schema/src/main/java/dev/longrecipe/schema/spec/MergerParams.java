package dev.longrecipe.schema.spec;

import java.util.Map;

/**
 * Model merging (docs/ALGORITHMS.md §6).
 *
 * @param method     merge method name as registered in merger-core (linear)
 * @param parameters method parameters; linear: lambdaBase and lambdaReplay, 0.5 each in the paper
 */
public record MergerParams(String method, Map<String, Double> parameters) {
    public MergerParams {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public static MergerParams defaults() {
        return new MergerParams("linear", Map.of("lambdaBase", 0.5, "lambdaReplay", 0.5));
    }
}
