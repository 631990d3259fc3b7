package dev.longrecipe.evaluator.memory;

/** A benchmark length needs more memory than the evaluator has; the message names the limit and the fix. */
public final class InsufficientMemoryException extends IllegalArgumentException {
    public InsufficientMemoryException(String message) {
        super(message);
    }
}
