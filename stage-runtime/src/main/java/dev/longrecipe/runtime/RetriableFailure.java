package dev.longrecipe.runtime;

/**
 * Marks an exception whose cause may go away by itself (storage or broker unreachable). The stage runtime retries
 * the attempt a few times with backoff before reporting it as failed; every other exception fails at once.
 */
public interface RetriableFailure {
}
