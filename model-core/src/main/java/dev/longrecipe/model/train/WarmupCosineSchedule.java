package dev.longrecipe.model.train;

/**
 * transformers' {@code get_cosine_schedule_with_warmup} (half a cosine) with an optional floor: step/warmup
 * during warmup, then {@code min + (1 - min) · 0.5 · (1 + cos(π · progress))} times the peak, progress running
 * from 0 at the end of warmup to 1 at {@code totalSteps}.
 */
public record WarmupCosineSchedule(double peakLr, long warmupSteps, long totalSteps, double minLrRatio)
        implements LrSchedule {
    @Override
    public String type() {
        return "cosine";
    }

    @Override
    public double learningRate(long step) {
        if (step < warmupSteps) {
            return peakLr * step / warmupSteps;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, progress)));
        return peakLr * (minLrRatio + (1 - minLrRatio) * cosine);
    }
}
