package dev.longrecipe.schema.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.Topics;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventSchemasTest {
    private static final Map<String, Integer> LINEAGE = Map.of("analyzer", 1, "segmenter", 2);

    static List<Object[]> examples() {
        String id = Events.newId();
        String now = Events.now();
        return List.of(
                new Object[] {Topics.RUN_REQUESTED, new RunRequested(1, id, "run-1", now, 0, Map.of(), false, Map.of(),
                        false, false, "runs/run-1/spec.json")},
                new Object[] {Topics.ANALYSIS_COMPLETED, new AnalysisCompleted(1, id, "run-1", now, 1,
                        Map.of("analyzer", 1), false, Map.of(), false, false, "runs/run-1/analyzer/1/report.json",
                        List.of("NUM", "PRON"), "above-base-rate", null)},
                new Object[] {Topics.SAMPLES_READY, new SamplesReady(1, id, "run-1", now, 2, LINEAGE, true,
                        Map.of("segmenter.ratio", "0.5"), true, false, "runs/run-1/segmenter/2/manifest.json",
                        "runs/run-1/segmenter/2/stats.json", "longrecipe", 128, 131072)},
                new Object[] {Topics.CHECKPOINT_READY, new CheckpointReady(1, id, "run-1", now, 1, LINEAGE, false,
                        Map.of(), false, false, "extension", false, false, "runs/run-1/trainer/1/extension/step-50/",
                        "inputs/base", null, 50, 4096, 3.25)},
                new Object[] {Topics.MODEL_MERGED, new ModelMerged(1, id, "run-1", now, 1, LINEAGE, false, Map.of(),
                        false, true, "runs/run-1/merger/1/model/", "inputs/base", "runs/run-1/trainer/1/extension/final/",
                        "runs/run-1/trainer/1/replay/final/", "linear", List.of(new ModelMerged.SweepModel(0.25,
                        "runs/run-1/merger/1/sweep/lambda-0.25/")))},
                new Object[] {Topics.BENCHMARK_COMPLETED, new BenchmarkCompleted(1, id, "run-1", now, 1, LINEAGE,
                        false, Map.of(), false, false, "runs/run-1/evaluator/1/results.json",
                        "runs/run-1/evaluator/1/report.html", Map.of("merged.niah_m", 62.5))},
                new Object[] {Topics.STAGE_FAILED, new StageFailed(1, id, "run-1", now, "merger", 3,
                        Topics.CHECKPOINT_READY, Events.newId(), "merger.dead-letter", "tensor x: shape differs", false)},
                new Object[] {Topics.STAGE_FAILED, new StageFailed(1, id, "run-1", now, "trainer", 2,
                        Topics.SAMPLES_READY, Events.newId(), null, "S3 stayed unreachable for 15 min", true)},
                new Object[] {Topics.STAGE_PROGRESS, new StageProgress(1, id, "run-1", now, "trainer", 1,
                        StageProgress.RUNNING, 0.25, 812.5, "tokens", 120.0, "step 25/100", Map.of("loss", 3.1))},
                new Object[] {Topics.ANALYSIS_COMPLETED, new AnalysisCompleted(1, id, "run-1", now, 1,
                        Map.of("analyzer", 1), false, Map.of(), false, false, "runs/run-1/analyzer/1/report.json",
                        List.of(), "none", "No anchor types stand out: H and H′ give identical gold-token logits")});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void serialisedExampleConformsToItsSchemaAndParsesBack(String topic, Object event) throws Exception {
        JsonNode json = Json.MAPPER.readTree(Json.write(event));
        assertThat(schema(topic).validate(json)).isEmpty();
        assertThat((Object) Events.parse(topic, json.toString())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void schemaNamesExactlyTheRecordFields(String topic, Object event) throws Exception {
        Set<String> recordFields = Arrays.stream(event.getClass().getRecordComponents())
                .map(c -> c.getName()).collect(Collectors.toSet());
        JsonNode schemaDoc = Json.MAPPER.readTree(schemaStream(topic));
        Set<String> schemaFields = new HashSet<>();
        schemaDoc.get("properties").fieldNames().forEachRemaining(schemaFields::add);
        assertThat(schemaFields).isEqualTo(recordFields);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void schemaRejectsAnEventWithAnUnknownFieldOrAMissingOne(String topic, Object event) throws Exception {
        ObjectNode extra = (ObjectNode) Json.MAPPER.readTree(Json.write(event));
        extra.put("surprise", 1);
        assertThat(schema(topic).validate(extra)).isNotEmpty();
        ObjectNode missing = (ObjectNode) Json.MAPPER.readTree(Json.write(event));
        missing.remove("runId");
        assertThat(schema(topic).validate(missing)).isNotEmpty();
    }

    @Test
    void everyTopicHasASchemaFile() {
        for (String topic : List.of(Topics.RUN_REQUESTED, Topics.ANALYSIS_COMPLETED, Topics.SAMPLES_READY,
                Topics.CHECKPOINT_READY, Topics.MODEL_MERGED, Topics.BENCHMARK_COMPLETED, Topics.STAGE_FAILED,
                Topics.STAGE_PROGRESS)) {
            assertThat(schemaStream(topic)).as(topic).isNotNull();
        }
    }

    @Test
    void rerunDirectivesAreKeptOutOfTheSpecOverridesAndValidated() {
        Map<String, String> overrides = Map.of("trainer.extension.lr", "1e-5", RerunDirectives.RESUME_FROM_ATTEMPT, "2");
        assertThat(RerunDirectives.specOverrides(overrides)).containsOnlyKeys("trainer.extension.lr");
        assertThat(RerunDirectives.resumeFromAttempt(overrides)).hasValue(2);
        assertThat(RerunDirectives.resumeFromAttempt(Map.of())).isEmpty();
        assertThatThrownBy(() -> RerunDirectives.resumeFromAttempt(Map.of(RerunDirectives.RESUME_FROM_ATTEMPT, "x")))
                .isInstanceOf(Events.InvalidEventException.class).hasMessageContaining("--from-scratch");
    }

    @Test
    void malformedJsonIsRefusedWithAReason() {
        assertThatThrownBy(() -> Events.parse(Topics.CHECKPOINT_READY, "{not json"))
                .isInstanceOf(Events.InvalidEventException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void unknownSchemaVersionIsRefusedNamingTheSupportedOne() {
        String json = Json.write(examples().get(0)[1]).replace("\"schemaVersion\":1", "\"schemaVersion\":7");
        assertThatThrownBy(() -> Events.parse(Topics.RUN_REQUESTED, json))
                .isInstanceOf(Events.InvalidEventException.class)
                .hasMessageContaining("schemaVersion 7").hasMessageContaining("only version 1");
    }

    @Test
    void missingRunIdIsRefused() {
        String json = Json.write(examples().get(0)[1]).replace("\"runId\":\"run-1\",", "");
        assertThat(json).doesNotContain("runId");
        assertThatThrownBy(() -> Events.parse(Topics.RUN_REQUESTED, json))
                .isInstanceOf(Events.InvalidEventException.class).hasMessageContaining("runId");
    }

    @Test
    void rerunCopyKeepsThePayloadAndMarksTheRequest() {
        SamplesReady original = (SamplesReady) examples().get(2)[1];
        SamplesReady rerun = (SamplesReady) original.asRerun("new-id", Map.of("trainer.extension.lr", "1e-5"), true);
        assertThat(rerun.rerun()).isTrue();
        assertThat(rerun.stopAfter()).isTrue();
        assertThat(rerun.manifestKey()).isEqualTo(original.manifestKey());
        assertThat(rerun.overrides()).containsEntry("trainer.extension.lr", "1e-5");
        assertThat(rerun.eventId()).isEqualTo("new-id");
    }

    @Test
    void analysisCompletedCarriesTheFallbackReasonThroughAReRunAndParsesWithoutIt() {
        AnalysisCompleted fallback = (AnalysisCompleted) examples().get(examples().size() - 1)[1];
        assertThat(fallback.asRerun("new-id", Map.of(), false).fallbackReason())
                .startsWith("No anchor types stand out");
        ObjectNode old = (ObjectNode) Json.MAPPER.valueToTree(examples().get(1)[1]);
        old.remove("fallbackReason");
        assertThat(schema(Topics.ANALYSIS_COMPLETED).validate(old)).isEmpty();
        AnalysisCompleted parsed = Events.parse(Topics.ANALYSIS_COMPLETED, old.toString());
        assertThat(parsed.fallbackReason()).isNull();
        assertThat(parsed.anchorTypes()).containsExactly("NUM", "PRON");
    }

    @Test
    void modelMergedOfAMergerWithoutSweepsParsesWithAnEmptySweep() {
        Object[] merged = examples().stream().filter(e -> e[0].equals(Topics.MODEL_MERGED)).findFirst().orElseThrow();
        ObjectNode old = (ObjectNode) Json.MAPPER.valueToTree(merged[1]);
        old.remove("sweep");
        assertThat(schema(Topics.MODEL_MERGED).validate(old)).isEmpty();
        ModelMerged parsed = Events.parse(Topics.MODEL_MERGED, old.toString());
        assertThat(parsed.sweep()).isEmpty();
        assertThat(((ModelMerged) merged[1]).asRerun("new-id", Map.of(), false).sweep()).hasSize(1);
    }

    private static JsonSchema schema(String topic) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaStream(topic));
    }

    private static InputStream schemaStream(String topic) {
        return EventSchemasTest.class.getResourceAsStream("/schemas/" + topic + ".schema.json");
    }
}
