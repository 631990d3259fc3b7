package dev.longrecipe.runtime;

/**
 * The S3 endpoint could not be reached, timed out, or answered with a server error or throttling (5xx, SlowDown,
 * ServiceUnavailable, InternalError, RequestTimeout): a passing condition. The runtime retries the one call that
 * failed, with backoff, within the stage's outage budget.
 */
public final class StorageUnavailableException extends RuntimeException implements RetriableFailure {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
