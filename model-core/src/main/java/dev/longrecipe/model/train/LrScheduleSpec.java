package dev.longrecipe.model.train;

/**
 * What a run spec says about the learning rate.
 *
 * @param type        a name in {@link LrSchedules} ("constant", "cosine")
 * @param peakLr      learning rate after warmup
 * @param warmupSteps linear warmup from 0 (transformers' convention: step 0 gets lr 0 when warmupSteps > 0)
 * @param totalSteps  optimizer steps in the run (cosine reaches {@code minLrRatio · peakLr} there)
 * @param minLrRatio  floor of the cosine as a fraction of the peak (0 = transformers' default)
 */
public record LrScheduleSpec(String type, double peakLr, long warmupSteps, long totalSteps, double minLrRatio) {
    public LrScheduleSpec {
        if (!(peakLr > 0)) {
            throw new IllegalArgumentException("peak learning rate must be positive but was " + peakLr);
        }
        if (warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need 0 <= warmup_steps <= total_steps and total_steps >= 1 but got "
                    + "warmup_steps=" + warmupSteps + ", total_steps=" + totalSteps);
        }
        if (!(minLrRatio >= 0 && minLrRatio <= 1)) {
            throw new IllegalArgumentException("min_lr_ratio must be in [0, 1] but was " + minLrRatio);
        }
    }
}
