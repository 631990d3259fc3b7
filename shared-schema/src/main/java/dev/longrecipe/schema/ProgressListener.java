package dev.longrecipe.schema;

/**
 * How a stage function reports progress to its door: the service turns it into {@code stage.progress} events and
 * gauges, the CLI into a progress bar.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (fraction, message) -> { };

    /**
     * @param fraction done so far, in [0, 1]
     * @param message  what is happening, for a person
     */
    void report(double fraction, String message);
}
