package dev.longrecipe.segmenter.service;

import static dev.longrecipe.testsupport.StackClient.readText;
import static dev.longrecipe.testsupport.StackClient.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.longrecipe.testsupport.LocalStackResource;
import dev.longrecipe.testsupport.StackClient;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.AnalysisCompleted;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.SamplesReady;
import dev.longrecipe.schema.events.StageFailed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The segmenter service on the real broker and S3 server: analysis.completed in, sample shards in S3, samples.ready out. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SegmenterServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path FIXTURES = Path.of(System.getProperty("longrecipe.fixtures"));

    @BeforeAll
    static void uploadInputs() throws Exception {
        store().uploadFile(FIXTURES.resolve("tokenizer-bpe2048/tokenizer.json"), "inputs/seg/model/tokenizer.json");
        store().putText("inputs/seg/model/config.json", "{\"model_type\":\"llama\",\"max_position_embeddings\":64}");
        store().putText("inputs/seg/corpus.jsonl", kjvDocuments(12, 3000));
        store().putText("inputs/seg/empty.jsonl", "{\"text\": \"\"}\nnot json\n");
    }

    /** {@code count} documents of about {@code chars} characters of consecutive KJV verses, as JSONL. */
    private static String kjvDocuments(int count, int chars) throws Exception {
        StringBuilder jsonl = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Path.of(System.getProperty("longrecipe.kjv")))), StandardCharsets.UTF_8))) {
            StringBuilder doc = new StringBuilder();
            for (String line; (line = in.readLine()) != null && count > 0; ) {
                doc.append(line.substring(line.indexOf(' ') + 1)).append('\n');
                if (doc.length() >= chars) {
                    jsonl.append(Json.write(Map.of("text", doc.toString()))).append('\n');
                    doc.setLength(0);
                    count--;
                }
            }
        }
        return jsonl.toString();
    }

    private static Event<AnalysisCompleted> analysis(String runId, List<String> anchors) {
        return new Event<>(EventHeader.of(runId, 1, Map.of("analyzer", 1), false), AnalysisCompleted.builder()
                .reportKey("runs/" + runId + "/analyzer/1/report.json").anchorTypes(anchors)
                .anchorRule("above-base-rate").build());
    }

    @Test
    void analysisCompletedBecomesSampleShardsAndSamplesReady() {
        String runId = StackClient.newRunId("seg");
        StackClient.submitSpec(runId, "baseModel: inputs/seg/model\ncorpus: inputs/seg/corpus.jsonl\n"
                + "replayCorpus: inputs/seg/corpus.jsonl\ntargetLength: 256\n");
        StackClient.publish(Topics.ANALYSIS_COMPLETED, runId, analysis(runId, List.of("NUM", "PRON")));

        String json = await().atMost(WAIT).until(() -> readText(Topics.SAMPLES_READY, runId), l -> !l.isEmpty()).get(0);
        Event<SamplesReady> event = Events.parse(Topics.SAMPLES_READY, json);
        SamplesReady ready = event.payload();
        assertThat(ready.method()).isEqualTo("longrecipe");
        assertThat(ready.samples()).isPositive();
        // Ls = round(0.3 · 256) = 77 tokens per sample
        assertThat(ready.tokens()).isEqualTo(ready.samples() * 77);
        assertThat(event.header().lineage()).containsEntry("analyzer", 1).containsEntry("segmenter", 1);
        assertThat(store().getText(ready.statsKey())).contains("\"anchorHitRate\"");
        assertThat(store().getText(ready.manifestKey())).contains("shard-");
    }

    @Test
    void aCorpusWithNoUsableDocumentFailsTheStageWithAReasonAndParksTheEvent() {
        String runId = StackClient.newRunId("seg-bad");
        StackClient.submitSpec(runId, "baseModel: inputs/seg/model\ncorpus: inputs/seg/empty.jsonl\n"
                + "replayCorpus: inputs/seg/corpus.jsonl\ntargetLength: 256\n");
        StackClient.publish(Topics.ANALYSIS_COMPLETED, runId, analysis(runId, List.of()));

        String failedJson = await().atMost(WAIT).until(() -> readText(Topics.STAGE_FAILED, runId), l -> !l.isEmpty())
                .get(0);
        StageFailed failed = Events.<StageFailed>parse(Topics.STAGE_FAILED, failedJson).payload();
        assertThat(failed.stage()).isEqualTo("segmenter");
        assertThat(failed.reason()).contains("s3://longrecipe/inputs/seg/empty.jsonl").contains("Fix:");
        assertThat(readText("segmenter.dead-letter", runId)).hasSize(1);
        assertThat(readText(Topics.SAMPLES_READY, runId)).isEmpty();
    }
}
