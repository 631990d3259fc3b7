package dev.longrecipe.evaluator.service;

import dev.longrecipe.evaluator.EvaluationOutcome;
import dev.longrecipe.evaluator.Evaluator;
import dev.longrecipe.evaluator.EvaluatorInputs;
import dev.longrecipe.evaluator.report.ReportSources;
import dev.longrecipe.evaluator.results.MergeSweep;
import dev.longrecipe.runtime.ObjectStore;
import dev.longrecipe.runtime.StageContext;
import dev.longrecipe.runtime.StageHandler;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.artifact.Locations;
import dev.longrecipe.schema.events.BenchmarkCompleted;
import dev.longrecipe.schema.events.ModelMerged;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.spec.EvaluatorParams;
import dev.longrecipe.schema.spec.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluator's Kafka door: {@code model.merged} → download the models the spec compares (base, extended, replay —
 * when the run has a replay phase — and merged), the haystack corpus and the held-out perplexity text, if the spec
 * names one → needle benchmarks and perplexities (evaluator-core) → results.json, charts and
 * report.html under the attempt → {@code benchmark.completed} with the headline scores. A merge sweep's models
 * (the event's {@code sweep}) are evaluated too, as {@code sweep-<λ>}, and the report shows their trade-off and the
 * λ the spec's rule picks. Upstream artifacts the
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
    public Event<BenchmarkCompleted> run(StageContext<ModelMerged> ctx) {
        ModelMerged in = ctx.input();
        RunSpec spec = ctx.spec();
        EvaluatorParams params = spec.evaluator();
        ObjectStore store = ctx.store();

        Map<String, String> keys = modelKeys(in, store);
        List<String> names = params.models().stream().filter(name -> {
            if (keys.get(name) == null && name.equals("replay")) {
                ctx.progress(0, "no replay model to evaluate: the run has no replay phase (trainer.replayFraction 0)");
                return false;
            }
            return true;
        }).toList();
        ctx.progress(0, "downloading models " + names);
        Map<String, String> models = new LinkedHashMap<>();
        for (String name : names) {
            if (keys.get(name) == null) {
                throw new IllegalArgumentException("the model.merged event names no " + name + " model; re-run the"
                        + " merger, or leave " + name + " out of evaluator.models");
            }
            models.put(name, keys.get(name));
        }
        Map<String, Double> sweep = new LinkedHashMap<>();
        for (ModelMerged.SweepModel point : in.sweep()) {
            String key = folder(store, point.modelKey());
            if (key.equals(keys.get("merged")) && models.containsKey("merged")) {
                sweep.put("merged", point.lambdaBase()); // the spec's own merge is one of the sweep's points
                continue;
            }
            String name = "sweep-" + MergeSweep.fmt(point.lambdaBase());
            models.put(name, key);
            sweep.put(name, point.lambdaBase());
        }
        String haystack = params.haystackCorpus() != null ? params.haystackCorpus() : spec.corpus();
        EvaluatorInputs inputs = EvaluatorInputs.resolve(spec, ctx.source(), models, name -> name.startsWith("sweep-")
                        ? "the merge sweep's model " + name + " is missing; re-run the merger"
                        : "the " + name + " model named in the model.merged event is missing; re-run the stage that"
                                + " wrote it", sweep, haystack, upstream(ctx, spec), ctx.workDir());
        EvaluationOutcome outcome = Evaluator.run(inputs, ctx.outputDir(), ctx::progress);
        return ctx.event(BenchmarkCompleted.builder().resultsKey(ctx.attemptPrefix() + "results.json")
                .reportKey(ctx.attemptPrefix() + "report.html").summary(outcome.results().summary()).build());
    }

    /**
     * Where each model of the run is, from the merger's event: base (the spec's), extended (the trainer's extension
     * phase final), replay (the trainer's final model, the one the merger merged: the replay phase's final
     * checkpoint; {@code null} when the run had no replay phase and that final model is the extended one), merged.
     */
    static Map<String, String> modelKeys(ModelMerged in, ObjectStore store) {
        Map<String, String> keys = new HashMap<>();
        keys.put("base", folder(store, in.baseModelKey()));
        keys.put("extended", folder(store, in.extendedModelKey()));
        String replay = folder(store, in.replayModelKey());
        keys.put("replay", replay != null && !replay.equals(keys.get("extended")) ? replay : null);
        keys.put("merged", folder(store, in.modelKey()));
        return keys;
    }

    private static String folder(ObjectStore store, String location) {
        if (location == null || location.isBlank()) {
            return null;
        }
        return Locations.asFolder(store.keyOf(location));
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
        ObjectStore store = ctx.store();
        return store.list(ObjectKeys.attempt(ctx.runId(), stage, attempt)).stream()
                .filter(k -> k.equals(fileName) || k.endsWith("/" + fileName)).sorted().findFirst()
                .map(k -> {
                    Path local = dir.resolve(stage.id() + "-" + fileName);
                    store.downloadFile(k, local);
                    return local;
                }).orElse(null);
    }
}
