package dev.longrecipe.merger;

/** Receives merge progress: the fraction of tensor bytes done (0..1) and a short message. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (fraction, message) -> { };

    void report(double fraction, String message);
}
