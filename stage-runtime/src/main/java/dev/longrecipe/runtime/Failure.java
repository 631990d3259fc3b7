package dev.longrecipe.runtime;

import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.spec.InvalidSpecException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Why an attempt failed, in words a person can act on, and whether trying again may help. Retriable: anything
 * marked {@link RetriableFailure}, Kafka's retriable exceptions and network errors. Everything else — an invalid
 * event or spec, a missing object, a corrupt model, a bug — is fatal: retrying would fail the same way.
 */
public record Failure(String reason, boolean retriable) {

    public static Failure of(Throwable error) {
        return new Failure(reasonOf(error), isRetriable(error));
    }

    static boolean isRetriable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableFailure || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof Events.InvalidEventException || t instanceof InvalidSpecException
                    || t instanceof MissingObjectException) {
                return false;
            }
        }
        return false;
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
