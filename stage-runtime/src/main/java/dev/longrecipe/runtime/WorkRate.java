package dev.longrecipe.runtime;

/**
 * Work per second since a stage's work began (after its downloads): the rate its progress reports carry, e.g.
 * {@code ctx.progress(done / total, rate.perSecond(done), "samples/s", …)}.
 */
public final class WorkRate {
    private final long startNanos = System.nanoTime();

    private WorkRate() {
    }

    /** Starts counting now. */
    public static WorkRate start() {
        return new WorkRate();
    }

    /** {@code done} units of work per second since the start. */
    public double perSecond(double done) {
        return done / seconds();
    }

    /** Seconds since the start; never 0, so a rate is always finite. */
    public double seconds() {
        return Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }
}
