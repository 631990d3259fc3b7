package dev.longrecipe.model.train;

/** transformers' {@code get_constant_schedule_with_warmup}: step/warmup during warmup, then the peak. */
public record ConstantSchedule(double peakLr, long warmupSteps) implements LrSchedule {
    @Override
    public String type() {
        return "constant";
    }

    @Override
    public double learningRate(long step) {
        if (step < warmupSteps) {
            return peakLr * step / warmupSteps;
        }
        return peakLr;
    }
}
