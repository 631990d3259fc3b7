package dev.longrecipe.cli.run;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.MergeSweep;
import dev.longrecipe.evaluator.results.ResultsJson;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.BenchmarkCompleted;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.ModelMerged;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code longrecipe prune-sweep RUN}: once the merge sweep is evaluated, deletes the sweep's merged models from S3
 * except the one the evaluator's rule picked (or {@code --keep λ}); the spec's own merged model ({@code model/}) and
 * the results and report stay.
 */
@Command(name = "prune-sweep", description = "Delete a run's merge-sweep models except the picked one.")
public final class PruneSweepCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run id")
    String runId;

    @Option(names = "--keep", paramLabel = "LAMBDA", description = "keep this λ_base instead of the evaluator's pick")
    Double keep;

    @Override
    public Integer call() throws IOException {
        try (RunClient client = RunClient.connect(Platform.fromEnvironment())) {
            prune(client, runId, keep, System.out);
        }
        return 0;
    }

    /** Deletes the sweep models of the merger attempt the latest evaluation scored; returns the objects deleted. */
    static int prune(RunClient client, String runId, Double keep, PrintStream out) throws IOException {
        ArtifactStore store = client.store();
        int evaluation = client.latestCompleted(runId, Stage.EVALUATOR).orElseThrow(() -> new IllegalArgumentException("run '" + runId + "' has no completed evaluation;"
                        + " prune the sweep after the evaluator has scored it (./longrecipe status " + runId + ")"));
        Event<BenchmarkCompleted> evaluated = Events.parse(Topics.BENCHMARK_COMPLETED,
                store.getText(ObjectKeys.completed(runId, Stage.EVALUATOR, evaluation)));
        BenchmarkCompleted done = evaluated.payload();
        Integer merger = evaluated.header().lineage().get(Stage.MERGER.id());
        ModelMerged merged = Events.<ModelMerged>parse(Topics.MODEL_MERGED,
                store.getText(ObjectKeys.completed(runId, Stage.MERGER, merger))).payload();
        if (merged.sweep().isEmpty()) {
            throw new IllegalArgumentException("run '" + runId + "' (merger attempt " + merger + ") has no merge sweep");
        }
        Path local = Files.createTempFile("results", ".json");
        BenchmarkResults results;
        try {
            store.downloadFile(done.resultsKey(), local);
            results = ResultsJson.read(local);
        } finally {
            Files.deleteIfExists(local);
        }
        Double kept = keep != null ? keep : results.mergeSweep() == null ? null : results.mergeSweep().pick();
        if (kept == null) {
            throw new IllegalArgumentException("the evaluator's rule picked no λ_base ("
                    + (results.mergeSweep() == null ? "no sweep in results.json" : results.mergeSweep().pickReason())
                    + "); say which to keep with --keep");
        }
        String own = ObjectKeys.attempt(runId, Stage.MERGER, merger) + "model/";
        int deleted = 0;
        for (ModelMerged.SweepModel m : merged.sweep()) {
            String key = store.keyOf(m.modelKey());
            if (m.lambdaBase() == kept || key.equals(own)) {
                out.println("kept     λ_base " + MergeSweep.fmt(m.lambdaBase()) + "  " + key);
                continue;
            }
            deleted += store.deletePrefix(key);
            out.println("deleted  λ_base " + MergeSweep.fmt(m.lambdaBase()) + "  " + key);
        }
        out.println(deleted + " objects deleted; results.json and the report keep every λ's numbers");
        return deleted;
    }
}
