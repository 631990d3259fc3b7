package dev.longrecipe.evaluator;

import dev.longrecipe.evaluator.report.ReportSources;
import dev.longrecipe.evaluator.results.MergeSweep;
import dev.longrecipe.schema.spec.EvaluatorParams;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one evaluation needs.
 *
 * @param runId             the run's id (recorded in results.json)
 * @param seed              the run's seed; every sample's seed derives from it
 * @param params            the run spec's evaluator section
 * @param models            name → Hugging Face model folder, in report order (e.g. base, extended, replay, merged);
 *                          the first is the base model, whose BOS rule ({@code BosToken}) every model must share
 * @param tokenizer         tokenizer.json shared by the models, or {@code null} for the first model folder that has
 *                          one
 * @param haystackCorpus    text or JSONL file haystacks are cut from, or {@code null} for the bundled King James text
 * @param perplexityCorpus  text or JSONL file perplexity is measured on (held-out text), or {@code null} for the
 *                          haystack corpus
 * @param contextLength     L, the base window, or {@code null} for the base model's max_position_embeddings
 * @param targetLength      L′, or {@code null} for 4·L
 * @param memoryBudgetBytes memory the evaluation may use, or {@code null} to take it from the machine
 * @param report            upstream artifacts for the HTML report
 * @param sweep             which of {@code models} are the merger's sweep points (name → λ_base) and the rule that
 *                          picks one, or {@code null} when the run has no merge sweep
 */
public record EvaluatorInputs(String runId, long seed, EvaluatorParams params, Map<String, Path> models,
                              Path tokenizer, Path haystackCorpus, Path perplexityCorpus, Integer contextLength,
                              Integer targetLength, Long memoryBudgetBytes, ReportSources report,
                              MergeSweep.Request sweep) {
    public EvaluatorInputs {
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("the evaluator needs at least one model folder to evaluate");
        }
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        params = params == null ? EvaluatorParams.defaults() : params;
        report = report == null ? ReportSources.none() : report;
    }
}
