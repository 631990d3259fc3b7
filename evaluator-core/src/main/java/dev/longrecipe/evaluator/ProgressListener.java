package dev.longrecipe.evaluator;

/** Told how far an evaluation is, after every sample (the service turns it into stage.progress events). */
@FunctionalInterface
public interface ProgressListener {
    /** @param fraction done so far, 0–1 */
    void progress(double fraction, String message);

    ProgressListener NONE = (fraction, message) -> {
    };
}
