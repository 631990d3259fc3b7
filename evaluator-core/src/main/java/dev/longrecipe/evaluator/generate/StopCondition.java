package dev.longrecipe.evaluator.generate;

import java.util.Arrays;
import java.util.Set;

/** Decides after each new token whether decoding ends. */
@FunctionalInterface
public interface StopCondition {
    /** @return why decoding ends after {@code generated} (newest last), or {@code null} to go on */
    StopReason check(int[] generated);

    /** Ends at any of {@code eosIds} (the model's end-of-sequence tokens). */
    static StopCondition eos(Set<Integer> eosIds) {
        return generated -> eosIds.contains(generated[generated.length - 1]) ? StopReason.EOS : null;
    }

    /** The first of these conditions that fires. */
    static StopCondition anyOf(StopCondition... conditions) {
        return generated -> Arrays.stream(conditions).map(c -> c.check(generated)).filter(r -> r != null)
                .findFirst().orElse(null);
    }

    /** Never stops early (only the budget ends decoding). */
    static StopCondition none() {
        return generated -> null;
    }
}
