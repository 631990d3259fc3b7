package dev.longrecipe.trainer.progress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one optimizer step reports.
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
public record StepMetrics(String phase, long step, long steps, long tokens, double loss, double lr, double gradNorm,
                          double tokensPerSecond, double etaSeconds) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "step");
        m.put("phase", phase);
        m.put("step", step);
        m.put("steps", steps);
        m.put("fraction", steps == 0 ? 1.0 : (double) step / steps);
        m.put("tokens", tokens);
        m.put("loss", loss);
        m.put("lr", lr);
        m.put("gradNorm", gradNorm);
        m.put("tokensPerSecond", tokensPerSecond);
        m.put("etaSeconds", etaSeconds);
        return m;
    }
}
