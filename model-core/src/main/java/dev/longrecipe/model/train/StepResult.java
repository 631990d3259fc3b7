package dev.longrecipe.model.train;

/**
 * What one optimizer step did.
 *
 * @param step         optimizer steps completed, this one included
 * @param loss         mean next-token loss over all micro-batches' targets
 * @param gradNorm     global gradient norm before clipping
 * @param learningRate learning rate used
 * @param tokens       tokens processed (B·T summed over micro-batches)
 */
public record StepResult(long step, double loss, double gradNorm, double learningRate, long tokens) {
}
