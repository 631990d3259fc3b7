package dev.longrecipe.runtime;

/** The S3 endpoint could not be reached or answered with a server error; retried, then reported. */
public final class StorageUnavailableException extends RuntimeException implements RetriableFailure {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
