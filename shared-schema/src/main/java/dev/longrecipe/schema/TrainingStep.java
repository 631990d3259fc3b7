package dev.longrecipe.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one optimizer step of the trainer reports: the fields of a {@code "type":"step"} line of
 * {@code training-log.jsonl} (trainer-core's {@code TrainingLog}), handed to {@link ProgressListener#stepTrained}.
 *
 * @param phase           extension | replay
 * @param step            optimizer steps done in this phase (1-based after the step)
 * @param steps           steps this phase will run
 * @param tokens          tokens trained on in this phase so far (every position of every sample)
 * @param loss            mean next-token cross entropy of this step's batch
 * @param lr              learning rate used for this step
 * @param gradNorm        global gradient norm before clipping
 * @param tokensPerSecond throughput of this process in this phase so far
 * @param etaSeconds      seconds until this phase ends at that throughput
 */
public record TrainingStep(String phase, long step, long steps, long tokens, double loss, double lr, double gradNorm,
                           double tokensPerSecond, double etaSeconds) {

    /** Share of this phase done, in [0, 1]. */
    public double fraction() {
        return steps == 0 ? 1.0 : (double) step / steps;
    }

    /** The numbers by name, finite ones only: what a {@code stage.progress} event carries as metrics. */
    public Map<String, Double> numbers() {
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("step", (double) step);
        numbers.put("steps", (double) steps);
        numbers.put("fraction", fraction());
        numbers.put("tokens", (double) tokens);
        numbers.put("loss", loss);
        numbers.put("lr", lr);
        numbers.put("gradNorm", gradNorm);
        numbers.put("tokensPerSecond", tokensPerSecond);
        numbers.put("etaSeconds", etaSeconds);
        numbers.values().removeIf(v -> !Double.isFinite(v));
        return numbers;
    }
}
