package dev.longrecipe.evaluator;

import dev.longrecipe.evaluator.report.ReportSources;
import dev.longrecipe.evaluator.results.MergeSweep;
import dev.longrecipe.model.llama.ModelFolderCheck;
import dev.longrecipe.schema.ContextWindows;
import dev.longrecipe.schema.artifact.Artifact;
import dev.longrecipe.schema.artifact.ArtifactSource;
import dev.longrecipe.schema.spec.EvaluatorParams;
import dev.longrecipe.schema.spec.RunSpec;

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

    /**
     * The models and texts one evaluation of {@code spec} reads, fetched from {@code source}: each model folder
     * (checked: a corrupt one fails here, named by its location) into {@code scratch/models/<name>}, the haystack
     * corpus and the spec's perplexity text under their own names (the report names them so); L and L′ from
     * {@link ContextWindows} on the first model, the base.
     *
     * @param models   name → location, in report order, the base first
     * @param fix      what a missing model's error tells the reader to do, by name
     * @param sweep    which models are merge-sweep points (name → λ_base), empty when the run has no sweep
     * @param haystack the haystack corpus's location, or {@code null} for the bundled King James text
     */
    public static EvaluatorInputs resolve(RunSpec spec, ArtifactSource source, Map<String, String> models,
                                          java.util.function.Function<String, String> fix,
                                          Map<String, Double> sweep, String haystack, ReportSources report,
                                          Path scratch) {
        Map<String, Path> folders = new LinkedHashMap<>();
        ContextWindows windows = null;
        for (Map.Entry<String, String> model : models.entrySet()) {
            String name = model.getKey();
            Artifact folder = source.folder("model '" + name + "'", model.getValue(),
                    scratch.resolve("models").resolve(name), fix.apply(name));
            ModelFolderCheck.check(folder.path(), model.getValue(), false); // corrupt or lying: fatal
            folders.put(name, folder.path());
            if (windows == null) {
                windows = ContextWindows.of(spec, folder.path(), folder.shown());
            }
        }
        EvaluatorParams params = spec.evaluator();
        Path haystackCorpus = haystack == null ? null : source.file("haystack corpus", haystack,
                scratch.resolve("haystack"), "check evaluator.haystackCorpus (else corpus) in the run spec").path();
        Path perplexityCorpus = params.perplexityCorpus() == null ? null
                : source.file("perplexity text (evaluator.perplexityCorpus)", params.perplexityCorpus(),
                        scratch.resolve("perplexity"), "give a text or JSONL file, or leave it out to measure"
                                + " perplexity on the haystack corpus").path();
        return new EvaluatorInputs(spec.runId(), spec.seed(), params, folders, null, haystackCorpus,
                perplexityCorpus, windows == null ? null : windows.contextLength(),
                windows == null ? null : windows.targetLength(), null, report,
                sweep.isEmpty() ? null : new MergeSweep.Request(sweep, spec.merger().sweepMaxPerplexityRise()));
    }

    /** The same inputs with the models' shared tokenizer.json given explicitly. */
    public EvaluatorInputs withTokenizer(Path tokenizer) {
        return new EvaluatorInputs(runId, seed, params, models, tokenizer, haystackCorpus, perplexityCorpus,
                contextLength, targetLength, memoryBudgetBytes, report, sweep);
    }
}
