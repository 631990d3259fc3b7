package dev.longrecipe.runtime;

import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.spec.InvalidSpecException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Why an attempt failed, in words a person can act on, and whether the cause may pass by itself (Debezium's split).
 * Retriable: anything marked {@link RetriableFailure} (S3 or the broker unreachable, timeouts, 5xx, throttling, a
 * closed producer during shutdown), Kafka's retriable exceptions and network errors. Everything else — an invalid
 * event or spec, a missing object, a corrupt model, {@link IllegalArgumentException}/{@link IllegalStateException},
 * any bug — is fatal: trying again would fail the same way, so the input is dead-lettered.
 */
public record Failure(String reason, boolean retriable) {

    public static Failure of(Throwable error) {
        return new Failure(reasonOf(error), isRetriable(error));
    }

    static boolean isRetriable(Throwable error) {
        boolean wrappedByBug = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Events.InvalidEventException || t instanceof InvalidSpecException
                    || t instanceof MissingObjectException) {
                return false;
            }
            if (t instanceof RetriableFailure || t instanceof org.apache.kafka.common.errors.RetriableException) {
                return true; // explicitly marked, even when a handler wrapped it
            }
            if (!wrappedByBug && (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException)) {
                return true;
            }
            if (t instanceof IllegalArgumentException || t instanceof IllegalStateException
                    || t instanceof UncheckedIOException) {
                wrappedByBug = true; // a raw network error below a bug or a local file error is not an outage
            }
        }
        return false;
    }

    /**
     * True when the service is stopping (a handler that stopped on request, closed producer, interrupted thread): the
     * message must stay unacknowledged.
     */
    static boolean isShutdown(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StageStoppedException
                    || t instanceof EventPublishException p && p.publisherClosed() || t instanceof InterruptedException
                    || t instanceof java.io.InterruptedIOException && !(t instanceof SocketTimeoutException)) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private static String reasonOf(Throwable error) {
        if (error instanceof Events.InvalidEventException || error instanceof InvalidSpecException
                || error instanceof MissingObjectException || error instanceof RetriableFailure) {
            return error.getMessage();
        }
        if (error instanceof UncheckedIOException && error.getCause() != null) {
            return error.getMessage();
        }
        String message = error.getMessage() == null ? "(no message)" : error.getMessage();
        String kind = error instanceof IllegalArgumentException || error instanceof IllegalStateException
                ? "" : error.getClass().getSimpleName() + ": ";
        return kind + message;
    }
}
