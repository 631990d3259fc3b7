package dev.longrecipe.evaluator.service;

import dev.longrecipe.evaluator.EvaluationOutcome;
import dev.longrecipe.evaluator.Evaluator;
import dev.longrecipe.evaluator.EvaluatorInputs;
import dev.longrecipe.evaluator.report.ReportSources;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.StageContext;
import dev.longrecipe.runtime.StageHandler;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.BenchmarkCompleted;
import dev.longrecipe.schema.events.ModelMerged;
import dev.longrecipe.schema.events.PipelineEvent;
import dev.longrecipe.schema.spec.EvaluatorParams;
import dev.longrecipe.schema.spec.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluator's Kafka door: {@code model.merged} → download the models the spec compares (base, extended, merged)
 * and the haystack corpus → needle benchmarks and perplexities (evaluator-core) → results.json, charts and
 * report.html under the attempt → {@code benchmark.completed} with the headline scores. Upstream artifacts the
 * report shows (analysis chart, segmenter stats, training log) are fetched from the attempts in the lineage when
 * they exist.
 */
@ApplicationScoped
public class EvaluatorHandler implements StageHandler<ModelMerged> {

    @Override
    public Stage stage() {
        return Stage.EVALUATOR;
    }

    @Override
    public Class<ModelMerged> inputType() {
        return ModelMerged.class;
    }

    @Override
    public PipelineEvent run(StageContext<ModelMerged> ctx) {
        ModelMerged in = ctx.event();
        RunSpec spec = ctx.spec();
        EvaluatorParams params = spec.evaluator();
        ArtifactStore store = ctx.store();
        Path work = ctx.workDir();

        ctx.progress(0, "downloading models " + params.models());
        Map<String, String> keys = Map.of("base", in.baseModelKey(), "extended", in.extendedModelKey(),
                "merged", in.modelKey());
        Map<String, Path> models = new LinkedHashMap<>();
        for (String name : params.models()) {
            models.put(name, store.downloadFolder(store.keyOf(keys.get(name)), work.resolve("models").resolve(name),
                    "the " + name + " model named in the model.merged event is missing; re-run the stage that"
                            + " wrote it"));
        }
        String corpusLocation = params.haystackCorpus() != null ? params.haystackCorpus() : spec.corpus();
        String corpusKey = store.keyOf(corpusLocation);
        Path corpus = work.resolve("haystack-" + corpusKey.substring(corpusKey.lastIndexOf('/') + 1));
        store.downloadFile(corpusKey, corpus);

        EvaluatorInputs inputs = new EvaluatorInputs(spec.runId(), spec.seed(), params, models, null, corpus,
                spec.contextLength(), spec.targetLength(), null, upstream(ctx, spec));
        EvaluationOutcome outcome = Evaluator.run(inputs, ctx.outputDir(), ctx::progress);
        return ctx.event(BenchmarkCompleted.class, ctx.attemptPrefix() + "results.json",
                ctx.attemptPrefix() + "report.html", outcome.results().summary());
    }

    /** What the report shows from earlier stages: found by file name inside the attempts of the lineage. */
    private static ReportSources upstream(StageContext<ModelMerged> ctx, RunSpec spec) {
        Path dir = ctx.workDir().resolve("upstream");
        Map<String, Integer> lineage = ctx.lineage();
        return new ReportSources(Json.write(spec), lineage,
                fetch(ctx, lineage, Stage.ANALYZER, "impactful-types.png", dir),
                fetch(ctx, lineage, Stage.SEGMENTER, "stats.json", dir),
                fetch(ctx, lineage, Stage.TRAINER, "training-log.jsonl", dir));
    }

    private static Path fetch(StageContext<ModelMerged> ctx, Map<String, Integer> lineage, Stage stage,
                              String fileName, Path dir) {
        Integer attempt = lineage.get(stage.id());
        if (attempt == null) {
            return null;
        }
        ArtifactStore store = ctx.store();
        return store.list(ObjectKeys.attempt(ctx.runId(), stage, attempt)).stream()
                .filter(k -> k.equals(fileName) || k.endsWith("/" + fileName)).sorted().findFirst()
                .map(k -> {
                    Path local = dir.resolve(stage.id() + "-" + fileName);
                    store.downloadFile(k, local);
                    return local;
                }).orElse(null);
    }
}
