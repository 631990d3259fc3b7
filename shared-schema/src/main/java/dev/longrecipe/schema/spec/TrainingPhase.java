package dev.longrecipe.schema.spec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.schema.Json;
import java.util.List;

/**
 * One training phase's optimisation settings. The paper (docs/ALGORITHMS.md §5): AdamW β (0.9, 0.999), eps 1e-8,
 * weight decay 0.1, lr 5e-5 constant for extension and 5e-6 for replay, batch 96. A knob left out (null) takes the
 * default written in the compact constructor, except {@code steps} and {@code lr}, whose defaults differ by phase and
 * are written in {@link TrainerParams}.
 *
 * @param steps          optimizer steps; absent for replay → sized from {@code TrainerParams.replayFraction}
 * @param batchSize      samples per optimizer step, reached by gradient accumulation
 * @param microBatchSize samples per forward/backward pass (memory bound)
 * @param lr             peak learning rate
 * @param schedule       one of {@link #SCHEDULES}: constant | cosine (after warmup)
 * @param warmupSteps    linear warmup from 0
 * @param minLrRatio     cosine floor as a fraction of lr
 * @param weightDecay    decoupled, not applied to norms and biases
 * @param beta1          AdamW's first-moment decay
 * @param beta2          AdamW's second-moment decay
 * @param eps            AdamW's denominator term
 * @param clipNorm       global gradient-norm clip; 0 disables
 */
public record TrainingPhase(Integer steps, Integer batchSize, Integer microBatchSize, Double lr, String schedule,
        Integer warmupSteps, Double minLrRatio, Double weightDecay, Double beta1, Double beta2, Double eps,
        Double clipNorm) {
    /** Learning-rate schedules; model-core's {@code LrSchedules} registers one class per name. */
    public static final List<String> SCHEDULES = List.of("constant", "cosine");

    public TrainingPhase {
        batchSize = batchSize != null ? batchSize : 8;
        microBatchSize = microBatchSize != null ? microBatchSize : 1;
        schedule = schedule != null ? schedule : "constant";
        warmupSteps = warmupSteps != null ? warmupSteps : 0;
        minLrRatio = minLrRatio != null ? minLrRatio : 0.1;
        weightDecay = weightDecay != null ? weightDecay : 0.1;
        beta1 = beta1 != null ? beta1 : 0.9;
        beta2 = beta2 != null ? beta2 : 0.999;
        eps = eps != null ? eps : 1e-8;
        clipNorm = clipNorm != null ? clipNorm : 1.0;
    }

    /** A phase with the given steps and peak learning rate, every other knob at its default. */
    static TrainingPhase of(Integer steps, double lr) {
        ObjectNode given = JsonNodeFactory.instance.objectNode().put("lr", lr).put("steps", steps);
        return Json.MAPPER.convertValue(given, TrainingPhase.class);
    }
}
