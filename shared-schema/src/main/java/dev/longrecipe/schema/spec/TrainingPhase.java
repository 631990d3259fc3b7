package dev.longrecipe.schema.spec;

/**
 * One training phase's optimisation settings. The paper (docs/ALGORITHMS.md §5): AdamW β (0.9, 0.999), eps 1e-8,
 * weight decay 0.1, lr 5e-5 constant for extension and 5e-6 for replay, batch 96.
 *
 * @param steps          optimizer steps; absent for replay → sized from {@code TrainerParams.replayFraction}
 * @param batchSize      samples per optimizer step, reached by gradient accumulation
 * @param microBatchSize samples per forward/backward pass (memory bound)
 * @param lr             peak learning rate
 * @param schedule       constant | cosine (after warmup)
 * @param warmupSteps    linear warmup from 0
 * @param minLrRatio     cosine floor as a fraction of lr
 * @param weightDecay    decoupled, not applied to norms and biases
 * @param clipNorm       global gradient-norm clip; 0 disables
 */
public record TrainingPhase(Integer steps, int batchSize, int microBatchSize, double lr, String schedule,
        int warmupSteps, double minLrRatio, double weightDecay, double beta1, double beta2, double eps,
        double clipNorm) {
    static TrainingPhase extensionDefaults() {
        return new TrainingPhase(100, 8, 1, 5e-5, "constant", 0, 0.1, 0.1, 0.9, 0.999, 1e-8, 1.0);
    }

    static TrainingPhase replayDefaults() {
        return new TrainingPhase(null, 8, 1, 5e-6, "constant", 0, 0.1, 0.1, 0.9, 0.999, 1e-8, 1.0);
    }
}
