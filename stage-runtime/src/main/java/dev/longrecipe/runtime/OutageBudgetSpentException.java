package dev.longrecipe.runtime;

import java.time.Duration;

/**
 * A dependency stayed away longer than the outage budget: the call was retried until then and given up. Retriable
 * in kind (nothing is wrong with the input), so the runner reports it with {@code retriable=true} and does not
 * dead-letter the message; the attempt keeps its durable work for a re-run to resume from.
 */
public final class OutageBudgetSpentException extends RuntimeException implements RetriableFailure {
    private final Dependency dependency;

    OutageBudgetSpentException(Dependency dependency, String what, Duration waited, Duration budget,
            Throwable last) {
        super(dependency.label() + " stayed unreachable for " + seconds(waited) + " (outage budget "
                + seconds(budget) + ", longrecipe.stage.outage-budget) while trying to " + what + "; last error: "
                + (last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage()), last);
        this.dependency = dependency;
    }

    public Dependency dependency() {
        return dependency;
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 120 ? (s / 60) + " min" : s + " s";
    }
}
