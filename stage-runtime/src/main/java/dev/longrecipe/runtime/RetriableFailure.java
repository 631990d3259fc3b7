package dev.longrecipe.runtime;

/**
 * Marks an exception whose cause may go away by itself (storage or broker unreachable, throttled, shutting down).
 * The runtime retries the single call that failed ({@link OutageRetry}) within the outage budget; such a failure is
 * never dead-lettered. Every other exception is fatal.
 */
public interface RetriableFailure {
}
