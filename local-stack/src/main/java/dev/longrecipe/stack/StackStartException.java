package dev.longrecipe.stack;

/** The local stack could not be started; the message names the server and the log to read. */
public class StackStartException extends RuntimeException {

    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
