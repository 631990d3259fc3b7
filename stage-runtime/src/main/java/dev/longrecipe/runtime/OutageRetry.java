package dev.longrecipe.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Retries one idempotent call (one S3 request, one Kafka publish) while it fails with a retriable error
 * ({@link Failure#isRetriable}), with the {@link RetryPolicy}'s backoff, until the outage budget counted from the
 * call's first failure is spent; then throws {@link OutageBudgetSpentException}. Fatal errors pass through at once,
 * and so does a closed producer (the service is shutting down: the message is redelivered after the restart).
 * While it waits, {@link Outages} says so.
 */
public final class OutageRetry {
    private static final Logger LOG = Logger.getLogger(OutageRetry.class);

    private final RetryPolicy policy;
    private final Outages outages;

    public OutageRetry(RetryPolicy policy, Outages outages) {
        this.policy = policy;
        this.outages = outages;
    }

    public RetryPolicy policy() {
        return policy;
    }

    public <T> T call(Dependency dependency, String what, Supplier<T> body) {
        long firstFailure = 0;
        Instant since = null;
        int failures = 0;
        while (true) {
            try {
                T result = body.get();
                if (failures > 0) {
                    outages.ended(dependency);
                    LOG.infof("%s is back: %s succeeded after %d failed tries (%d s)", dependency.label(), what,
                            failures, (System.nanoTime() - firstFailure) / 1_000_000_000L);
                }
                return result;
            } catch (RuntimeException e) {
                if (!Failure.isRetriable(e) || Failure.isShutdown(e) || policy.outageBudget().isZero()) {
                    if (failures > 0) {
                        outages.ended(dependency);
                    }
                    throw e;
                }
                failures++;
                if (since == null) {
                    since = Instant.now();
                    firstFailure = System.nanoTime();
                }
                Duration waited = Duration.ofNanos(System.nanoTime() - firstFailure);
                long backoff = policy.backoffMillis(failures);
                if (waited.plusMillis(backoff).compareTo(policy.outageBudget()) > 0) {
                    outages.ended(dependency);
                    throw new OutageBudgetSpentException(dependency, what, waited, policy.outageBudget(), e);
                }
                outages.waiting(dependency, what, since, e);
                if (failures == 1 || failures % 10 == 0) {
                    LOG.warnf("%s unreachable (%s) while trying to %s; retrying in %d ms (try %d, waiting since %s,"
                            + " giving up after %s)", dependency.label(), e.getMessage(), what, backoff, failures,
                            since, policy.outageBudget());
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    outages.ended(dependency);
                    throw e;
                }
            }
        }
    }
}
