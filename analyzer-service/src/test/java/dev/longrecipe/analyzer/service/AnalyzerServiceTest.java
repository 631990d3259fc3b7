package dev.longrecipe.analyzer.service;

import dev.longrecipe.analyzer.testing.Fixtures;
import dev.longrecipe.testsupport.LocalStackResource;
import dev.longrecipe.testsupport.StackClient;
import dev.longrecipe.analyzer.report.AnalysisReport;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.AnalysisCompleted;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.Payload;
import dev.longrecipe.schema.events.RunRequested;
import dev.longrecipe.schema.events.StageFailed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

/** The analyzer service on the real broker and S3 server: run.requested in, report + chart in S3, analysis.completed out. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class AnalyzerServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    /** Uploads H (llama-default), H′ (fixture {@code referenceFixture}, none if null) and a KJV corpus; stores the spec. */
    private Event<RunRequested> submit(String runId, String referenceFixture, int referenceTokenizerVocab, String extraYaml)
            throws IOException {
        String inputs = "inputs/" + runId + "/";
        store().uploadFolder(Fixtures.modelWithTokenizer("llama-default", tmp.resolve("h"), 512), inputs + "h/");
        if (referenceFixture != null) {
            store().uploadFolder(Fixtures.modelWithTokenizer(referenceFixture, tmp.resolve("h-prime"), referenceTokenizerVocab),
                    inputs + "h-prime/");
        }
        store().uploadFile(Fixtures.kjvChapters(tmp.resolve("kjv.jsonl"), 3), inputs + "kjv.jsonl");
        String reference = referenceFixture == null ? "" : "referenceModel: " + inputs + "h-prime/\n";
        StackClient.submitSpec(runId, "baseModel: " + inputs + "h/\n" + reference
                + "corpus: " + inputs + "kjv.jsonl\nreplayCorpus: " + inputs + "kjv.jsonl\n"
                + "analyzer:\n  samples: 2\n  length: 48\n  positionBuckets: 4\n" + extraYaml);
        return new Event<>(EventHeader.request(runId), new RunRequested(ObjectKeys.spec(runId)));
    }

    private static List<String> awaitMessages(String topic, String runId) {
        return await().atMost(WAIT).until(() -> readText(topic, runId), list -> !list.isEmpty());
    }

    /** {@link #submit}s the run, publishes its request and waits for the run's first event on {@code topic}. */
    private <P extends Payload> Event<P> submitAndAwait(String runId, String referenceFixture,
            int referenceTokenizerVocab, String extraYaml, String topic) throws IOException {
        Event<RunRequested> request = submit(runId, referenceFixture, referenceTokenizerVocab, extraYaml);
        StackClient.publish(Topics.RUN_REQUESTED, runId, request);
        return Events.parse(topic, awaitMessages(topic, runId).get(0));
    }

    /** The analysis fell back to {@code rule} with no anchor types; returns the reason it gave. */
    private static String fallbackReason(AnalysisCompleted done, String rule) {
        assertThat(done.anchorRule()).isEqualTo(rule);
        assertThat(done.anchorTypes()).isEmpty();
        return done.fallbackReason();
    }

    @Test
    void runRequestedForTwoModelsWithDifferentRopeGivesAReportAndChartInS3AndAnalysisCompleted() throws IOException {
        String runId = StackClient.newRunId("analyze");
        Event<AnalysisCompleted> completed = submitAndAwait(runId, "llama-linear4", 512, "", Topics.ANALYSIS_COMPLETED);
        AnalysisCompleted done = completed.payload();

        String attempt = ObjectKeys.attempt(runId, Stage.ANALYZER, 1);
        assertThat(done.reportKey()).isEqualTo(attempt + "report.json");
        assertThat(completed.header().lineage()).containsEntry("analyzer", 1);
        Path reportFile = tmp.resolve("report.json");
        store().downloadFile(done.reportKey(), reportFile);
        AnalysisReport report = AnalysisReport.read(reportFile);
        assertThat(done.anchorTypes()).isEqualTo(report.anchorTypes());
        assertThat(done.anchorRule()).isEqualTo(report.anchorRule()).isIn("pos-types", "none");
        assertThat(done.fallbackReason()).isEqualTo(report.anchorTypes().isEmpty() ? report.fallbackReason() : null);
        assertThat(report.models().bosTokenId()).isEqualTo(1);
        assertThat(report.samples().lengths()).containsExactly(48, 48);
        assertThat(report.nonZeroDeltas()).isPositive();
        assertThat(report.buckets()).hasSize(4);
        for (String chart : List.of("impactful-types.png", "impactful-types.svg")) {
            Path file = tmp.resolve(chart);
            store().downloadFile(attempt + chart, file);
            assertThat(Files.size(file)).as(chart).isGreaterThan(1000);
        }
        assertThat(store().exists(ObjectKeys.completed(runId, Stage.ANALYZER, 1))).isTrue();
    }

    @Test
    void whenHEqualsHPrimeNothingStandsOutAndTheFallbackReasonReachesTheEventAndTheProgress() throws IOException {
        String runId = StackClient.newRunId("same");
        // H′ is H's own folder, and trainer.ropeTheta keeps H's θ: the two models agree on every token
        AnalysisCompleted done = this.<AnalysisCompleted>submitAndAwait(runId, "llama-default", 512,
                "trainer:\n  ropeTheta: 10000\n", Topics.ANALYSIS_COMPLETED).payload();

        assertThat(fallbackReason(done, "none")).startsWith("No anchor types stand out").contains("every Δ is zero");
        List<String> progress = await().atMost(WAIT).until(() -> readText(Topics.STAGE_PROGRESS, runId),
                list -> list.stream().anyMatch(m -> m.contains("falls back")));
        assertThat(progress).anySatisfy(m -> assertThat(m).contains("digits rule").contains("every Δ is zero"));
    }

    @Test
    void withoutReferenceModelTheDigitsRuleIsReportedWithoutRunningModels() throws IOException {
        String runId = StackClient.newRunId("digits");
        AnalysisCompleted done = this.<AnalysisCompleted>submitAndAwait(runId, null, 0, "",
                Topics.ANALYSIS_COMPLETED).payload();

        assertThat(fallbackReason(done, "digits")).contains("No reference model H′ was given");
        assertThat(store().getText(done.reportKey())).contains("released code's \\\"digits\\\" rule");
    }

    @Test
    void referenceModelWithAnotherVocabularyFailsTheStageWithTheReason() throws IOException {
        String runId = StackClient.newRunId("mismatch");
        StageFailed failed = this.<StageFailed>submitAndAwait(runId, "llama-linear4", 400, "",
                Topics.STAGE_FAILED).payload();

        assertThat(failed.stage()).isEqualTo("analyzer");
        assertThat(failed.retriable()).isFalse();
        assertThat(failed.reason()).contains("different vocabularies").contains("same tokenizer");
        assertThat(readText(Topics.ANALYSIS_COMPLETED, runId)).isEmpty();
    }

    @Test
    void missingReferenceModelFailsTheStageNamingItsKey() throws IOException {
        String runId = StackClient.newRunId("missing");
        StageFailed failed = this.<StageFailed>submitAndAwait(runId, null, 0,
                "referenceModel: inputs/" + runId + "/nowhere/\n", Topics.STAGE_FAILED).payload();

        assertThat(failed.retriable()).isFalse();
        assertThat(failed.reason()).contains("inputs/" + runId + "/nowhere/").contains("referenceModel");
        assertThat(readText(Topics.ANALYSIS_COMPLETED, runId)).isEmpty();
    }
}
