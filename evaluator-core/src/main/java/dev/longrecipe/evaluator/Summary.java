package dev.longrecipe.evaluator;

import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Headline numbers per model, for the benchmark.completed event and the report's first table. Keys:
 * {@code <model>.niah_m} (NIAH(M) averaged over lengths), {@code <model>.niah_m@<length>},
 * {@code <model>.ruler_avg} (the RULER average over the tasks run, averaged over lengths), {@code <model>.ruler_avg@<length>},
 * {@code <model>.<task>} (task score averaged over lengths), {@code <model>.short_ppl}, {@code <model>.long_ppl_last}
 * (perplexity of the last position bucket), {@code <model>.empty_outputs}.
 */
final class Summary {
    private Summary() {
    }

    static Map<String, Double> of(List<ModelResults> models) {
        Map<String, Double> out = new TreeMap<>();
        for (ModelResults m : models) {
            String k = m.name() + ".";
            if (!m.niahM().isEmpty()) {
                out.put(k + "niah_m", m.niahM().stream().mapToDouble(LengthScore::score).average().orElseThrow());
                for (LengthScore s : m.niahM()) {
                    out.put(k + "niah_m@" + s.length(), s.score());
                }
            }
            if (!m.rulerAverage().isEmpty()) {
                out.put(k + "ruler_avg", m.rulerAverage().stream().mapToDouble(LengthScore::score).average()
                        .orElseThrow());
                for (LengthScore s : m.rulerAverage()) {
                    out.put(k + "ruler_avg@" + s.length(), s.score());
                }
            }
            Map<String, double[]> byTask = new TreeMap<>();
            for (TaskScore t : m.tasks()) {
                double[] acc = byTask.computeIfAbsent(t.task(), x -> new double[2]);
                acc[0] += t.score();
                acc[1]++;
            }
            byTask.forEach((task, acc) -> out.put(k + task, acc[0] / acc[1]));
            out.put(k + "short_ppl", m.shortContext().perplexity());
            out.put(k + "long_ppl_last", m.perplexity().buckets().get(m.perplexity().buckets().size() - 1)
                    .perplexity());
            out.put(k + "empty_outputs", (double) m.emptyOutputs());
        }
        return out;
    }
}
