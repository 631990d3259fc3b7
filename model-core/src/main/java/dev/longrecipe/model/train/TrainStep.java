package dev.longrecipe.model.train;

import ai.djl.ndarray.NDManager;
import dev.longrecipe.model.llama.Backpropagation;
import dev.longrecipe.model.llama.LlamaModel;

import java.util.List;

/**
 * One optimizer step over micro-batches, the loop a trainer calls:
 * zero gradients → forward/backward every micro-batch (gradient accumulation, loss averaged over all targets)
 * → stop before a non-finite update → global-norm clipping → AdamW update at the schedule's learning rate.
 * Each micro-batch runs in its own NDManager, closed afterwards, so memory does not grow with steps.
 */
public final class TrainStep {
    private final LlamaModel model;
    private final AdamW optimizer;
    private final LrSchedule schedule;
    private final double maxGradNorm;
    private final boolean recompute;

    /**
     * @param maxGradNorm global-norm clipping threshold; {@code <= 0} disables clipping
     * @param recompute   activation recomputation: memory linear in T (chunked attention and loss), one extra forward
     */
    public TrainStep(LlamaModel model, AdamW optimizer, LrSchedule schedule, double maxGradNorm, boolean recompute) {
        this.model = model;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.maxGradNorm = maxGradNorm;
        this.recompute = recompute;
        model.enableGradients();
    }

    /**
     * One optimizer step.
     *
     * @throws NonFiniteStepException when the loss or the gradient norm is not finite; the weights are then left
     *                                as they were (no update is made)
     */
    public StepResult run(List<Batch> microBatches) {
        double loss = accumulateGradients(microBatches);
        if (!Double.isFinite(loss)) {
            throw new NonFiniteStepException("loss is " + loss);
        }
        double norm = GlobalNormClipping.clip(model, maxGradNorm);
        if (!Double.isFinite(norm)) {
            throw new NonFiniteStepException("gradient norm is " + norm);
        }
        double lr = schedule.learningRate(optimizer.step());
        optimizer.update(lr);
        long tokens = microBatches.stream().mapToLong(Batch::tokens).sum();
        return new StepResult(optimizer.step(), loss, norm, lr, tokens);
    }

    /**
     * Zeroes the gradients and accumulates those of the mean loss over all micro-batches' targets (no update).
     *
     * @return that mean loss
     */
    public double accumulateGradients(List<Batch> microBatches) {
        if (microBatches.isEmpty()) {
            throw new IllegalArgumentException("an optimizer step needs at least one micro-batch");
        }
        long totalTargets = microBatches.stream().mapToLong(Batch::targetCount).sum();
        model.zeroGradients();
        double loss = 0;
        for (Batch batch : microBatches) {
            try (NDManager step = model.manager().newSubManager()) {
                loss += Backpropagation.run(model, CausalLmLoss.ids(step, batch), CausalLmLoss.positions(step, batch),
                        (logits, start, end) -> CausalLmLoss.meanContribution(logits, batch, totalTargets, start, end),
                        recompute);
            }
        }
        return loss;
    }

    public AdamW optimizer() {
        return optimizer;
    }

    public LrSchedule schedule() {
        return schedule;
    }
}
