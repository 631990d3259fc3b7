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
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {
    /** Where the checked-in schemas are, from the module folder (surefire's working directory). */
    private static final Path SCHEMA_DIR = Path.of("src/main/resources/schemas");
    /** Rewrites the checked-in schemas from the records. */
    static final String REGENERATE = "./mvnw -B -o -pl shared-schema test -Dtest=EventSchemasTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dschemas.write=true";
    private static final Map<String, Integer> LINEAGE = Map.of("analyzer", 1, "segmenter", 2);

    private static EventHeader header(int attempt, Map<String, Integer> lineage) {
        return new EventHeader(Events.newId(), "run-1", Events.now(), attempt, lineage, false, Map.of(), false,
                false);
    }

    static List<Object[]> examples() {
        return List.of(
                new Object[] {Topics.RUN_REQUESTED, new Event<>(EventHeader.request("run-1"),
                        new RunRequested("runs/run-1/spec.json"))},
                new Object[] {Topics.ANALYSIS_COMPLETED, new Event<>(header(1, Map.of("analyzer", 1)),
                        AnalysisCompleted.builder().reportKey("runs/run-1/analyzer/1/report.json")
                                .anchorTypes(List.of("NUM", "PRON")).anchorRule("above-base-rate").build())},
                new Object[] {Topics.SAMPLES_READY, new Event<>(new EventHeader(Events.newId(), "run-1",
                        Events.now(), 2, LINEAGE, true, Map.of("segmenter.ratio", "0.5"), true, false),
                        SamplesReady.builder().manifestKey("runs/run-1/segmenter/2/manifest.json")
                                .statsKey("runs/run-1/segmenter/2/stats.json").method("longrecipe").samples(128)
                                .tokens(131072).build())},
                new Object[] {Topics.CHECKPOINT_READY, new Event<>(header(1, LINEAGE), CheckpointReady.builder()
                        .phase("extension").checkpointKey("runs/run-1/trainer/1/extension/step-50/")
                        .baseModelKey("inputs/base").step(50).tokens(4096).loss(3.25).build())},
                new Object[] {Topics.MODEL_MERGED, new Event<>(EventHeader.of("run-1", 1, LINEAGE, true),
                        ModelMerged.builder().modelKey("runs/run-1/merger/1/model/").baseModelKey("inputs/base")
                                .extendedModelKey("runs/run-1/trainer/1/extension/final/")
                                .replayModelKey("runs/run-1/trainer/1/replay/final/").method("linear")
                                .sweep(List.of(new ModelMerged.SweepModel(0.25,
                                        "runs/run-1/merger/1/sweep/lambda-0.25/"))).build())},
                new Object[] {Topics.BENCHMARK_COMPLETED, new Event<>(header(1, LINEAGE), BenchmarkCompleted.builder()
                        .resultsKey("runs/run-1/evaluator/1/results.json")
                        .reportKey("runs/run-1/evaluator/1/report.html").summary(Map.of("merged.niah_m", 62.5))
                        .build())},
                new Object[] {Topics.STAGE_FAILED, new Event<>(header(3, Map.of()), StageFailed.builder()
                        .stage("merger").inputTopic(Topics.CHECKPOINT_READY).inputEventId(Events.newId())
                        .deadLetterTopic("merger.dead-letter").reason("tensor x: shape differs").build())},
                new Object[] {Topics.STAGE_FAILED, new Event<>(header(2, Map.of()), StageFailed.builder()
                        .stage("trainer").inputTopic(Topics.SAMPLES_READY).inputEventId(Events.newId())
                        .reason("S3 stayed unreachable for 15 min").retriable(true).build())},
                new Object[] {Topics.STAGE_PROGRESS, new Event<>(header(1, Map.of()), new StageProgress("trainer",
                        StageProgress.RUNNING, 0.25, 812.5, "tokens", 120.0, "step 25/100", Map.of("loss", 3.1)))},
                new Object[] {Topics.ANALYSIS_COMPLETED, new Event<>(header(1, Map.of("analyzer", 1)),
                        AnalysisCompleted.builder().reportKey("runs/run-1/analyzer/1/report.json")
                                .anchorTypes(List.of()).anchorRule("none")
                                .fallbackReason("No anchor types stand out: H and H′ give identical gold-token logits")
                                .build())});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void serialisedExampleConformsToItsSchemaAndParsesBack(String topic, Event<?> event) throws Exception {
        JsonNode json = Json.MAPPER.readTree(Json.write(event));
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(schema(topic).validate(json)).isEmpty();
        assertThat((Object) Events.parse(topic, json.toString())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void schemaNamesExactlyTheRecordFields(String topic, Event<?> event) throws Exception {
        JsonNode schemaDoc = Json.MAPPER.readTree(schemaStream(topic));
        assertThat(fieldNames(schemaDoc.get("properties"))).containsExactlyInAnyOrder("schemaVersion", "header",
                "payload");
        assertThat(fieldNames(schemaDoc.at("/properties/header/properties"))).isEqualTo(componentNames(EventHeader.class));
        assertThat(fieldNames(schemaDoc.at("/properties/payload/properties")))
                .isEqualTo(componentNames(event.payload().getClass()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void schemaRejectsAnEventWithAnUnknownFieldOrAMissingOne(String topic, Event<?> event) throws Exception {
        ObjectNode extra = (ObjectNode) Json.MAPPER.readTree(Json.write(event));
        ((ObjectNode) extra.get("payload")).put("surprise", 1);
        assertThat(schema(topic).validate(extra)).isNotEmpty();
        ObjectNode beside = (ObjectNode) Json.MAPPER.readTree(Json.write(event));
        beside.put("surprise", 1);
        assertThat(schema(topic).validate(beside)).isNotEmpty();
        assertThatThrownBy(() -> Events.parse(topic, beside.toString()))
                .isInstanceOf(Events.InvalidEventException.class).hasMessageContaining("'surprise'");
        ObjectNode missing = (ObjectNode) Json.MAPPER.readTree(Json.write(event));
        ((ObjectNode) missing.get("header")).remove("runId");
        assertThat(schema(topic).validate(missing)).isNotEmpty();
    }

    @Test
    void everyTopicHasACheckedInSchemaThatIsTheGeneratedOne() throws IOException {
        boolean write = Boolean.getBoolean("schemas.write");
        List<String> differ = new ArrayList<>();
        for (String topic : Events.topics().keySet()) {
            Path file = SCHEMA_DIR.resolve(topic + ".schema.json");
            String generated = EventSchemas.text(topic);
            if (write) {
                Files.writeString(file, generated);
            }
            if (!Files.exists(file) || !Files.readString(file).equals(generated)) {
                differ.add(file.toString());
            }
        }
        assertThat(differ).as("checked-in schemas that differ from the records; regenerate them with: "
                + REGENERATE).isEmpty();
        assertThat(Events.topics().keySet()).containsExactlyInAnyOrder(Topics.RUN_REQUESTED,
                Topics.ANALYSIS_COMPLETED, Topics.SAMPLES_READY, Topics.CHECKPOINT_READY, Topics.MODEL_MERGED,
                Topics.BENCHMARK_COMPLETED, Topics.STAGE_FAILED, Topics.STAGE_PROGRESS);
    }

    @Test
    void generatedSchemaStatesRequiredOptionalAndConstraints() {
        JsonNode checkpoint = EventSchemas.of(Topics.CHECKPOINT_READY);
        JsonNode payload = checkpoint.at("/properties/payload");
        assertThat(fieldNames(payload.get("required").elements())).doesNotContain("extendedModelKey")
                .contains("checkpointKey", "phase", "step");
        assertThat(payload.at("/properties/extendedModelKey/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(payload.at("/properties/phase/enum").toString()).isEqualTo("[\"extension\",\"replay\"]");
        assertThat(checkpoint.at("/properties/header/properties/runId/pattern").asText()).startsWith("^[a-z0-9]");
        assertThat(checkpoint.at("/properties/schemaVersion/const").asInt()).isEqualTo(Event.VERSION);
        JsonNode sweep = EventSchemas.of(Topics.MODEL_MERGED).at("/properties/payload/properties/sweep");
        assertThat(sweep.at("/items/properties/lambdaBase/maximum").asInt()).isEqualTo(1);
        assertThat(sweep.at("/items/required").toString()).isEqualTo("[\"lambdaBase\",\"modelKey\"]");
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
        String json = Json.write(examples().get(0)[1]).replace("\"schemaVersion\":2", "\"schemaVersion\":7");
        assertThatThrownBy(() -> Events.parse(Topics.RUN_REQUESTED, json))
                .isInstanceOf(Events.InvalidEventException.class)
                .hasMessageContaining("schemaVersion 7").hasMessageContaining("only version 2");
    }

    @Test
    void aVersionOneEventIsRefusedNamingBothVersionsAndTheFix() {
        String flat = "{\"schemaVersion\":1,\"eventId\":\"e1\",\"runId\":\"run-1\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"attempt\":0,\"lineage\":{},\"rerun\":false,\"overrides\":{},\"stopAfter\":false,\"halt\":false,"
                + "\"specKey\":\"runs/run-1/spec.json\"}";
        assertThatThrownBy(() -> Events.parse(Topics.RUN_REQUESTED, flat))
                .isInstanceOf(Events.InvalidEventException.class)
                .hasMessageContaining("version-1 event").hasMessageContaining("needs version 2")
                .hasMessageContaining("upgrade the producer").hasMessageContaining("longrecipe rerun");
    }

    @Test
    void missingRunIdIsRefused() {
        ObjectNode json = (ObjectNode) Json.MAPPER.valueToTree(examples().get(0)[1]);
        ((ObjectNode) json.get("header")).remove("runId");
        assertThatThrownBy(() -> Events.parse(Topics.RUN_REQUESTED, json.toString()))
                .isInstanceOf(Events.InvalidEventException.class).hasMessageContaining("runId");
    }

    @Test
    void aMissingPayloadIsRefusedNamingIt() {
        ObjectNode json = (ObjectNode) Json.MAPPER.valueToTree(examples().get(0)[1]);
        json.remove("payload");
        assertThatThrownBy(() -> Events.parse(Topics.RUN_REQUESTED, json.toString()))
                .isInstanceOf(Events.InvalidEventException.class).hasMessageContaining("no payload object");
    }

    @Test
    @SuppressWarnings("unchecked")
    void rerunCopyKeepsThePayloadAndMarksTheRequest() {
        Event<SamplesReady> original = (Event<SamplesReady>) examples().get(2)[1];
        Event<SamplesReady> rerun = original.asRerun("new-id", Map.of("trainer.extension.lr", "1e-5"), true);
        assertThat(rerun.header().rerun()).isTrue();
        assertThat(rerun.header().stopAfter()).isTrue();
        assertThat(rerun.header().halt()).isFalse();
        assertThat(rerun.header().lineage()).isEqualTo(original.header().lineage());
        assertThat(rerun.payload()).isEqualTo(original.payload());
        assertThat(rerun.header().overrides()).containsEntry("trainer.extension.lr", "1e-5");
        assertThat(rerun.header().eventId()).isEqualTo("new-id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void analysisCompletedCarriesTheFallbackReasonThroughAReRunAndParsesWithoutIt() {
        Event<AnalysisCompleted> fallback = (Event<AnalysisCompleted>) examples().get(examples().size() - 1)[1];
        assertThat(fallback.asRerun("new-id", Map.of(), false).payload().fallbackReason())
                .startsWith("No anchor types stand out");
        ObjectNode old = (ObjectNode) Json.MAPPER.valueToTree(examples().get(1)[1]);
        ((ObjectNode) old.get("payload")).remove("fallbackReason");
        assertThat(schema(Topics.ANALYSIS_COMPLETED).validate(old)).isEmpty();
        Event<AnalysisCompleted> parsed = Events.parse(Topics.ANALYSIS_COMPLETED, old.toString());
        assertThat(parsed.payload().fallbackReason()).isNull();
        assertThat(parsed.payload().anchorTypes()).containsExactly("NUM", "PRON");
    }

    @Test
    @SuppressWarnings("unchecked")
    void modelMergedOfAMergerWithoutSweepsParsesWithAnEmptySweep() {
        Object[] merged = examples().stream().filter(e -> e[0].equals(Topics.MODEL_MERGED)).findFirst().orElseThrow();
        ObjectNode old = (ObjectNode) Json.MAPPER.valueToTree(merged[1]);
        ((ObjectNode) old.get("payload")).remove("sweep");
        assertThat(schema(Topics.MODEL_MERGED).validate(old)).isEmpty();
        Event<ModelMerged> parsed = Events.parse(Topics.MODEL_MERGED, old.toString());
        assertThat(parsed.payload().sweep()).isEmpty();
        assertThat(((Event<ModelMerged>) merged[1]).asRerun("new-id", Map.of(), false).payload().sweep()).hasSize(1);
    }

    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> fieldNames(java.util.Iterator<JsonNode> values) {
        List<String> names = new ArrayList<>();
        values.forEachRemaining(v -> names.add(v.asText()));
        return names;
    }

    private static JsonSchema schema(String topic) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaStream(topic));
    }

    private static InputStream schemaStream(String topic) {
        return EventSchemasTest.class.getResourceAsStream("/schemas/" + topic + ".schema.json");
    }
}
