package dev.longrecipe.evaluator.service;

import dev.longrecipe.evaluator.SmallVocabTokenizer;
import dev.longrecipe.testsupport.LocalStackResource;
import dev.longrecipe.testsupport.StackClient;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.BenchmarkCompleted;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.ModelMerged;
import dev.longrecipe.schema.events.StageFailed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.longrecipe.testsupport.StackClient.readText;
import static dev.longrecipe.testsupport.StackClient.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The evaluator service on the real broker and S3 server: model.merged in, results.json + charts + report.html in
 * S3, benchmark.completed out. The three compared models are the tiny reference fixtures with a 512-token tokenizer.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class EvaluatorServiceTest {
    private static final Duration WAIT = Duration.ofMinutes(8);
    private static final Path FIXTURES = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"), "hf-reference");

    @TempDir
    Path tmp;

    private void uploadModel(String fixture, Path tokenizer, String prefix) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(prefix.replace('/', '_')));
        for (String f : List.of("config.json", "generation_config.json", "model.safetensors")) {
            Files.copy(FIXTURES.resolve(fixture).resolve(f), dir.resolve(f));
        }
        Files.copy(tokenizer, dir.resolve("tokenizer.json"));
        store().uploadFolder(dir, prefix);
    }

    /** Stores a valid run spec whose models and corpus sit under inputs/<runId>/; {@code extraYaml} adds fields. */
    private static void submitSpec(String runId, String extraYaml) {
        StackClient.submitSpec(runId, "baseModel: inputs/" + runId + "/base\ncorpus: inputs/" + runId
                + "/corpus.jsonl\nreplayCorpus: inputs/replay.jsonl\n" + extraYaml);
    }

    /** Base, extended, replay and merged models plus what the upstream stages leave for the report. */
    private Event<ModelMerged> uploadRun(String runId) throws IOException {
        Path tokenizer = SmallVocabTokenizer.derive(512, tmp.resolve("tok"));
        String base = "inputs/" + runId + "/base/";
        String extended = ObjectKeys.attempt(runId, Stage.TRAINER, 1) + "extension/";
        String replay = ObjectKeys.attempt(runId, Stage.TRAINER, 1) + "replay/";
        String merged = ObjectKeys.attempt(runId, Stage.MERGER, 1) + "model/";
        uploadModel("llama-default", tokenizer, base);
        uploadModel("llama-linear4", tokenizer, extended);
        uploadModel("llama-tied-theta1m", tokenizer, replay);
        uploadModel("qwen2", tokenizer, merged);
        String sweepZero = ObjectKeys.attempt(runId, Stage.MERGER, 1) + "sweep/lambda-0/";
        uploadModel("llama-tied-theta1m", tokenizer, sweepZero);
        store().putText("inputs/" + runId + "/heldout.txt", String.join("\n", java.util.Collections.nCopies(30,
                "Zebra quartz jumped over seven vexing lizards. Glowing kites drift above the dunes.")));
        store().putText("inputs/" + runId + "/corpus.jsonl",
                "{\"text\": \"In the beginning was the word. The word was with the scribes. They wrote it down.\"}\n"
                        + "{\"text\": \"A river went out of the garden! It parted into four heads. Who named them?"
                        + " The first is Pison, which compasseth the land.\"}\n");
        Path png = tmp.resolve("impactful-types.png");
        ImageIO.write(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        store().uploadFile(png, ObjectKeys.attempt(runId, Stage.ANALYZER, 1) + "impactful-types.png");
        store().putText(ObjectKeys.attempt(runId, Stage.SEGMENTER, 1) + "samples/stats.json",
                "{\"samples\": 8, \"avgContinuousSegmentLength\": 88.0}");
        store().putText(ObjectKeys.attempt(runId, Stage.TRAINER, 1) + "training-log.jsonl",
                "{\"type\":\"step\",\"phase\":\"extension\",\"step\":1,\"loss\":6.2}\n"
                        + "{\"type\":\"step\",\"phase\":\"extension\",\"step\":2,\"loss\":6.0}\n");
        return new Event<>(EventHeader.of(runId, 1, Map.of("analyzer", 1, "segmenter", 1, "trainer", 1, "merger", 1),
                false), ModelMerged.builder().modelKey(merged).baseModelKey(base).extendedModelKey(extended)
                .replayModelKey(replay).method("linear").sweep(List.of(new ModelMerged.SweepModel(0.0, sweepZero),
                        new ModelMerged.SweepModel(0.5, merged))).build());
    }

    @Test
    void mergedModelAndTheSweepsAreBenchmarkedAgainstBaseExtendedAndReplayIntoAReportWithPictures()
            throws IOException {
        String runId = StackClient.newRunId("eval");
        submitSpec(runId, "contextLength: 160\ntargetLength: 480\nevaluator:\n  lengths: [480]\n"
                + "  tasks: [niah_single_2, niah_multikey_2, niah_multivalue, niah_multiquery]\n  samplesPerTask: 1\n"
                + "  depths: 2\n  maxNewTokens: 8\n"
                + "  perplexityBuckets: 2\n  perplexityCorpus: inputs/" + runId + "/heldout.txt\n");
        Event<ModelMerged> event = uploadRun(runId);
        StackClient.publisher().publish(Topics.MODEL_MERGED, runId, Json.write(event));

        String json = await().atMost(WAIT).until(() -> readText(Topics.BENCHMARK_COMPLETED, runId),
                l -> !l.isEmpty()).get(0);
        Event<BenchmarkCompleted> completion = Events.parse(Topics.BENCHMARK_COMPLETED, json);
        BenchmarkCompleted done = completion.payload();
        String attempt = ObjectKeys.attempt(runId, Stage.EVALUATOR, 1);
        assertThat(done.resultsKey()).isEqualTo(attempt + "results.json");
        assertThat(done.reportKey()).isEqualTo(attempt + "report.html");
        assertThat(completion.header().lineage()).containsEntry("merger", 1).containsEntry("evaluator", 1);
        assertThat(done.summary()).containsKeys("base.niah_m", "extended.niah_m", "replay.niah_m", "merged.niah_m",
                "merged.niah_single_2", "replay.short_ppl", "merged.short_ppl", "merged.empty_outputs");

        var results = Json.MAPPER.readTree(store().getText(done.resultsKey()));
        assertThat(results.get("formatVersion").asInt()).isEqualTo(2);
        assertThat(results.get("models")).extracting(m -> m.get("name").asText())
                .containsExactly("base", "extended", "replay", "merged", "sweep-0");
        assertThat(results.at("/mergeSweep/points")).extracting(p -> p.get("model").asText())
                .containsExactly("sweep-0", "merged"); // λ 0, then λ 0.5: the spec's own merge, evaluated once
        assertThat(results.at("/mergeSweep/niahLength").asInt()).isEqualTo(480);
        assertThat(results.at("/settings/lengths/0").asInt()).isEqualTo(480);
        assertThat(results.at("/settings/perplexityText").asText()).isEqualTo("held-out text: heldout.txt");
        assertThat(results.at("/settings/bosTokenId").asInt()).isEqualTo(1);
        assertThat(store().list(attempt)).contains(attempt + "charts/heatmap-niah_single_2-merged.png",
                attempt + "charts/heatmap-niah_single_2-replay.png",
                attempt + "charts/score-by-length.png", attempt + "charts/training-loss.png",
                attempt + "charts/merge-sweep.png",
                attempt + ObjectKeys.COMPLETED_MARKER);
        String html = store().getText(done.reportKey());
        assertThat(html).contains("<h2>Model: merged</h2>", "<h2>Model: replay</h2>",
                "Measured on held-out text: heldout.txt", "<h2>Impactful token analysis</h2>",
                "<h2>Segmenter statistics</h2>", "<h2>Training</h2>", "<h2>Lineage</h2>", runId,
                "src=\"data:image/png;base64,", "<h2>RULER: task × length</h2>", "<h2>Merge sweep</h2>",
                "<h2>Model: sweep-0</h2>");
    }

    @Test
    void theReplayModelIsTheTrainersFinalModelWhenTheRunHadAReplayPhase() {
        ModelMerged withReplay = ModelMerged.builder().modelKey("runs/r/merger/1/model/").baseModelKey("inputs/r/base/")
                .extendedModelKey("runs/r/trainer/1/extension/final/")
                .replayModelKey("s3://" + store().bucket() + "/runs/r/trainer/1/replay/final").method("linear").build();
        assertThat(EvaluatorHandler.modelKeys(withReplay, store())).containsEntry("base", "inputs/r/base/")
                .containsEntry("extended", "runs/r/trainer/1/extension/final/")
                .containsEntry("replay", "runs/r/trainer/1/replay/final/")
                .containsEntry("merged", "runs/r/merger/1/model/");
        // trainer.replayFraction 0: the trainer's final model is the extension's, there is no replay model
        ModelMerged withoutReplay = ModelMerged.builder().modelKey("runs/r/merger/1/model/")
                .baseModelKey("inputs/r/base/").extendedModelKey("runs/r/trainer/1/extension/final/")
                .replayModelKey("runs/r/trainer/1/extension/final/").method("linear").build();
        assertThat(EvaluatorHandler.modelKeys(withoutReplay, store())).containsEntry("replay", null)
                .containsEntry("extended", "runs/r/trainer/1/extension/final/");
    }

    @Test
    void aLengthBeyondMemoryFailsTheStageWithTheLimitAndTheFix() throws IOException {
        String runId = StackClient.newRunId("evalmem");
        submitSpec(runId, "evaluator:\n  lengths: [2000000000]\n  tasks: [niah_single_2]\n");
        Event<ModelMerged> event = uploadRun(runId);
        StackClient.publisher().publish(Topics.MODEL_MERGED, runId, Json.write(event));

        String json = await().atMost(WAIT).until(() -> readText(Topics.STAGE_FAILED, runId), l -> !l.isEmpty())
                .get(0);
        StageFailed failed = Events.<StageFailed>parse(Topics.STAGE_FAILED, json).payload();
        assertThat(failed.stage()).isEqualTo("evaluator");
        assertThat(failed.retriable()).isFalse();
        assertThat(failed.reason()).contains("length 2000000000 does not fit in memory",
                "Lower evaluator.lengths to at most");
        assertThat(readText(Stage.EVALUATOR.deadLetterTopic(), runId)).hasSize(1);
        assertThat(readText(Topics.BENCHMARK_COMPLETED, runId)).isEmpty();
    }
}
