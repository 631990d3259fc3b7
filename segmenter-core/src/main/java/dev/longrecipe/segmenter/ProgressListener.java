package dev.longrecipe.segmenter;

/** Receives progress of a long stage run; the service forwards it to the progress topic. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (fraction, message) -> { };

    /** @param fraction done so far, in [0, 1]; @param message what is happening, for a person */
    void report(double fraction, String message);
}
