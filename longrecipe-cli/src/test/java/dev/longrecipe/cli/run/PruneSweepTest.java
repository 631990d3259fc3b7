package dev.longrecipe.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.MergeSweep;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.BenchmarkCompleted;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.ModelMerged;
import dev.longrecipe.stack.SharedTestStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code prune-sweep} on the real S3 server: the sweep's models go, the picked one, the spec's own and the numbers stay. */
class PruneSweepTest {
    private static RunClient client;
    private static ArtifactStore store;

    @BeforeAll
    static void connect() {
        client = RunClient.of(SharedTestStack.get());
        store = client.store();
        store.ensureBucket();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    /** A run whose merger wrote a sweep of λ 0, 0.25 (sweep folders) and 0.5 (its own model/); evaluated with a pick. */
    private static String sweptRun(Double pick) {
        String runId = "prune-" + UUID.randomUUID().toString().substring(0, 8);
        String merger = ObjectKeys.attempt(runId, Stage.MERGER, 1);
        for (String folder : List.of("model/", "sweep/lambda-0/", "sweep/lambda-0.25/")) {
            store.putText(merger + folder + "model.safetensors", "weights of " + folder);
            store.putText(merger + folder + "config.json", "{}");
        }
        Event<ModelMerged> merged = new Event<>(EventHeader.of(runId, 1, Map.of("merger", 1), false),
                ModelMerged.builder().modelKey(merger + "model/").baseModelKey("b/").extendedModelKey("e/")
                        .replayModelKey("r/").method("linear").sweep(List.of(
                                new ModelMerged.SweepModel(0.0, merger + "sweep/lambda-0/"),
                                new ModelMerged.SweepModel(0.25, merger + "sweep/lambda-0.25/"),
                                new ModelMerged.SweepModel(0.5, merger + "model/"))).build());
        store.putText(ObjectKeys.completed(runId, Stage.MERGER, 1), Json.write(merged));
        String evaluator = ObjectKeys.attempt(runId, Stage.EVALUATOR, 1);
        BenchmarkResults results = new BenchmarkResults(BenchmarkResults.FORMAT_VERSION, runId, "now",
                new BenchmarkResults.Settings(List.of(256), List.of("niah_single_2"), 1, 1, null, 1, 1, "h", "t", 1,
                        "p", "held-out text: p", 256, 256, 1, "ruler", Map.of(), Map.of()), List.of(), List.of(),
                Map.of(), new MergeSweep("rule", 256, 0.05, 50, List.of(), pick, "the reason"));
        store.putText(evaluator + "results.json", Json.write(results));
        store.putText(ObjectKeys.completed(runId, Stage.EVALUATOR, 1), Json.write(new Event<>(
                EventHeader.of(runId, 1, Map.of("merger", 1, "evaluator", 1), false), BenchmarkCompleted.builder()
                .resultsKey(evaluator + "results.json").reportKey(evaluator + "report.html").build())));
        return runId;
    }

    @Test
    void theSweepsModelsAreDeletedExceptThePickedOneAndTheSpecsOwn() throws Exception {
        String runId = sweptRun(0.25);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int deleted = PruneSweepCommand.prune(client, runId, null, new PrintStream(out, true, StandardCharsets.UTF_8));
        String merger = ObjectKeys.attempt(runId, Stage.MERGER, 1);
        assertThat(deleted).isEqualTo(2);
        assertThat(store.list(merger + "sweep/")).containsExactlyInAnyOrder(merger + "sweep/lambda-0.25/config.json",
                merger + "sweep/lambda-0.25/model.safetensors");
        assertThat(store.list(merger + "model/")).hasSize(2);
        assertThat(store.exists(ObjectKeys.attempt(runId, Stage.EVALUATOR, 1) + "results.json")).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("deleted  λ_base 0 ", "kept     λ_base 0.25 ",
                "kept     λ_base 0.5 ");
    }

    @Test
    void withoutAPickTheOperatorSaysWhatToKeep() throws Exception {
        String runId = sweptRun(null);
        assertThatThrownBy(() -> PruneSweepCommand.prune(client, runId, null, System.out))
                .hasMessageContaining("picked no λ_base (the reason)").hasMessageContaining("--keep");
        assertThat(store.list(ObjectKeys.attempt(runId, Stage.MERGER, 1) + "sweep/")).hasSize(4);
        PruneSweepCommand.prune(client, runId, 0.0, System.out);
        assertThat(store.list(ObjectKeys.attempt(runId, Stage.MERGER, 1) + "sweep/")).hasSize(2)
                .allMatch(k -> k.contains("lambda-0/"));
        assertThatThrownBy(() -> PruneSweepCommand.prune(client, "no-such-run", null, System.out))
                .hasMessageContaining("has no completed evaluation");
    }
}
