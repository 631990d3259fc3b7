package dev.longrecipe.runtime;

/**
 * The time an attempt has left, extrapolated from the progress it has made itself: from its first report with a
 * fraction above 0 (the moment it first measured work done) to now. An attempt that resumes a checkpoint starts at the
 * fraction the checkpoint had reached; counting its elapsed time against the whole fraction would make it look many
 * times faster than it is (resumed at 55 %, the first minute would promise the rest in under a minute).
 */
final class TimeLeft {
    private long fromNanos;
    private double fromFraction = -1;

    /** Seconds left at {@code fraction} (0…1) reported at {@code nanoTime}; negative while unknown. */
    double at(long nanoTime, double fraction) {
        if (fraction <= 0) {
            return -1;
        }
        if (fromFraction < 0) {
            fromNanos = nanoTime;
            fromFraction = fraction;
        }
        if (fraction >= 1) {
            return 0;
        }
        if (fraction <= fromFraction) {
            return -1;
        }
        return (nanoTime - fromNanos) / 1e9 * (1 - fraction) / (fraction - fromFraction);
    }
}
