package dev.longrecipe.merger;

import java.util.Map;

/**
 * What a merge produced: tensor count, parameter (element) count, tensor bytes written, wall time, and the method with
 * the parameter values actually used (defaults filled in).
 */
public record MergeSummary(int tensors, long parameters, long bytes, double seconds, String method, Map<String, Double> params) {

    public MergeSummary {
        params = Map.copyOf(params);
    }

    /** Throughput over the bytes written. */
    public double megabytesPerSecond() {
        return seconds > 0 ? bytes / 1e6 / seconds : Double.POSITIVE_INFINITY;
    }
}
