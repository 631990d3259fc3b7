package dev.longrecipe.trainer.progress;

/**
 * Tokens per second and time left for one phase, measured from this process's own steps (a resumed run does not
 * count the time of the run before the crash).
 *
 * @param startNanos  {@link System#nanoTime()} when this process started the phase
 * @param startTokens tokens trained on in the phase before this process started
 * @param startStep   the step this process started after
 */
public record Throughput(long startNanos, long startTokens, long startStep) {

    public double tokensPerSecond(long nanoTime, long tokens) {
        double seconds = (nanoTime - startNanos) / 1e9;
        return seconds <= 0 ? 0 : (tokens - startTokens) / seconds;
    }

    /** Seconds for the remaining steps at the mean step time so far. */
    public double etaSeconds(long nanoTime, long step, long totalSteps) {
        long done = step - startStep;
        if (done <= 0) {
            return Double.NaN;
        }
        double perStep = (nanoTime - startNanos) / 1e9 / done;
        return perStep * (totalSteps - step);
    }
}
