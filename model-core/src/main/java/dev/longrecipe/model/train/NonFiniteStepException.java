package dev.longrecipe.model.train;

/** A training step whose loss or gradient norm is NaN or infinite: it was stopped before the weights changed. */
public final class NonFiniteStepException extends RuntimeException {
    public NonFiniteStepException(String what) {
        super(what);
    }
}
