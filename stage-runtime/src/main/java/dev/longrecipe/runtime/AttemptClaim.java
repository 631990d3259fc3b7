package dev.longrecipe.runtime;

import java.util.Map;

/**
 * Contents of {@code runs/<run>/<stage>/<n>/_attempt.json}: which input event claimed attempt {@code n}, and with
 * what overrides. Written before any work; the attempt counts as complete only once {@code _completed.json} exists.
 */
public record AttemptClaim(String stage, int attempt, String inputEventId, String inputTopic,
        Map<String, Integer> lineage, boolean rerun, Map<String, String> overrides, String startedAt) {
    public AttemptClaim {
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }
}
