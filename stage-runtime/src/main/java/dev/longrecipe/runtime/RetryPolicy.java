package dev.longrecipe.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How one S3 call or one Kafka publish is retried while its dependency is away: capped exponential backoff with
 * jitter ({@code initialBackoff}, doubled per failure up to {@code maxBackoff}, each wait drawn between half and all
 * of that), for at most {@code outageBudget} from the call's first failure. A budget of zero means no retries.
 *
 * @param initialBackoff {@code longrecipe.stage.retry-backoff}, default 1 s
 * @param maxBackoff     {@code longrecipe.stage.max-backoff}, default 30 s
 * @param outageBudget   {@code longrecipe.stage.outage-budget}, default 15 min: long enough to ride out a 10-minute
 *                       outage of S3 or the broker
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration outageBudget) {
    public static final RetryPolicy NONE = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);

    public RetryPolicy {
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("longrecipe.stage.retry-backoff must be positive, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("longrecipe.stage.max-backoff (" + maxBackoff
                    + ") must not be below longrecipe.stage.retry-backoff (" + initialBackoff + ")");
        }
        if (outageBudget.isNegative()) {
            throw new IllegalArgumentException("longrecipe.stage.outage-budget must not be negative, got "
                    + outageBudget);
        }
    }

    /** The wait after the {@code failures}-th consecutive failure (1-based), with jitter. */
    long backoffMillis(int failures) {
        long cap = maxBackoff.toMillis();
        long base = initialBackoff.toMillis();
        long exp = failures >= 31 ? cap : Math.min(cap, base << Math.max(0, failures - 1));
        long half = Math.max(1, exp / 2);
        return half + ThreadLocalRandom.current().nextLong(exp - half + 1);
    }
}
