package dev.longrecipe.evaluator;

import dev.longrecipe.evaluator.results.BenchmarkResults;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Evaluator#run} wrote: results.json, the report, the charts (all inside the output folder).
 */
public record EvaluationOutcome(BenchmarkResults results, Path resultsJson, Path reportHtml, List<Path> charts) {
    public EvaluationOutcome {
        charts = List.copyOf(charts);
    }
}
