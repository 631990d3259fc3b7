package dev.longrecipe.schema.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longrecipe.schema.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSpecsTest {
    private static final String MINIMAL_YAML = """
            baseModel: inputs/tiny-llama
            corpus: inputs/kjv-books.jsonl.gz
            replayCorpus: inputs/kjv-verses.jsonl.gz
            """;

    @Test
    void minimalYamlGetsEveryDefault() {
        RunSpec spec = RunSpecs.parse(MINIMAL_YAML);
        assertThat(spec.baseModel()).isEqualTo("inputs/tiny-llama");
        assertThat(spec.method()).isEqualTo("longrecipe");
        assertThat(spec.segmenter().ratio()).isEqualTo(0.3);
        assertThat(spec.analyzer().topFraction()).isEqualTo(0.2);
        assertThat(spec.trainer().extension().lr()).isEqualTo(5e-5);
        assertThat(spec.trainer().replay().lr()).isEqualTo(5e-6);
        assertThat(spec.merger().method()).isEqualTo("linear");
        assertThat(spec.merger().models()).containsExactly(
                Map.entry("base", Map.of("weight", MergeSetting.of(0.5))),
                Map.entry("replay", Map.of("weight", MergeSetting.of(0.5))));
        assertThat(spec.merger().sweep()).isEmpty();
        assertThat(spec.evaluator().tasks()).hasSize(11).doesNotContain("qa_1", "qa_2");
        assertThat(spec.evaluator().maxNewTokens()).isNull();
        assertThat(spec.evaluator().qaDatasets()).isEmpty();
        assertThat(spec.targetLengthFor(256)).isEqualTo(1024);
    }

    @Test
    void jsonAndYamlGiveTheSameSpec() {
        RunSpec fromYaml = RunSpecs.parse(MINIMAL_YAML + "targetLength: 2048\nsegmenter:\n  maxSkip: 3\n");
        RunSpec fromJson = RunSpecs.parse(Json.write(fromYaml));
        assertThat(fromJson).isEqualTo(fromYaml);
        assertThat(fromJson.segmenter().maxSkip()).isEqualTo(3);
        assertThat(fromJson.segmenter().transform()).isEqualTo("algorithm1");
    }

    @Test
    void missingInputsAreAllReportedWithTheFix() {
        assertThatThrownBy(() -> RunSpecs.parse("method: pose\n"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("baseModel: is missing")
                .hasMessageContaining("corpus: is missing")
                .hasMessageContaining("replayCorpus: is missing")
                .hasMessageContaining("trainer.replayFraction: 0");
    }

    @Test
    void unknownFieldIsNamedWithTheValidOnes() {
        assertThatThrownBy(() -> RunSpecs.parse(MINIMAL_YAML + "segmenter:\n  ratoi: 0.3\n"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("segmenter.ratoi: is not a known field")
                .hasMessageContaining("ratio");
    }

    @Test
    void outOfRangeValuesNameFieldAndFix() {
        InvalidSpecException e = (InvalidSpecException) org.assertj.core.api.Assertions.catchThrowable(
                () -> RunSpecs.parse(MINIMAL_YAML + "method: longrope\ncontextLength: 256\ntargetLength: 128\n"
                        + "segmenter:\n  ratio: 1.5\ntrainer:\n  extension:\n    batchSize: 6\n    microBatchSize: 4\n"));
        assertThat(e.errors()).extracting(SpecError::field).contains("method", "targetLength", "segmenter.ratio",
                "trainer.extension.batchSize");
        assertThat(e.getMessage()).contains("use one of longrecipe, longrecipe-random, pose, rpes, flt");
    }

    @Test
    void weightStorageIsFloat32UnlessFloat16IsAsked() {
        assertThat(RunSpecs.parse(MINIMAL_YAML).evaluator().weightStorage()).isEqualTo("float32");
        assertThat(RunSpecs.parse(MINIMAL_YAML + "evaluator:\n  weightStorage: float16\n").evaluator().weightStorage())
                .isEqualTo("float16");
        assertThatThrownBy(() -> RunSpecs.parse(MINIMAL_YAML + "evaluator:\n  weightStorage: bfloat16\n"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("evaluator.weightStorage").hasMessageContaining("float32, float16");
    }

    @Test
    void wrongTypeIsNamed() {
        assertThatThrownBy(() -> RunSpecs.parse(MINIMAL_YAML + "seed: banana\n"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("seed");
    }

    @Test
    void syntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> RunSpecs.parse("baseModel: [unclosed\n"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void mergeSettingsTakeMergekitsThreeFormsAndAGivenModelListReplacesTheDefault() {
        RunSpec spec = RunSpecs.parse(MINIMAL_YAML + """
                merger:
                  method: ties
                  models:
                    replay: {weight: [0, 0.5, 1], density: [{filter: mlp, value: 0.3}, {value: 0.6}]}
                  parameters: {normalize: true}
                  sweep: [0.25, 0.75]
                """);
        assertThat(spec.merger().models()).containsOnlyKeys("replay");
        MergeSetting weight = spec.merger().models().get("replay").get("weight");
        assertThat(weight.at("model.layers.1.mlp.up_proj.weight", 0.25)).isEqualTo(0.25);
        MergeSetting density = spec.merger().models().get("replay").get("density");
        assertThat(density.at("model.layers.1.mlp.up_proj.weight", 0)).isEqualTo(0.3);
        assertThat(density.at("model.layers.1.self_attn.q_proj.weight", 0)).isEqualTo(0.6);
        assertThat(spec.merger().parameters().get("normalize").number()).isEqualTo(1.0);
        assertThat(RunSpecs.parse(Json.write(spec))).isEqualTo(spec); // written and read back unchanged

        assertThatThrownBy(() -> RunSpecs.parse(MINIMAL_YAML + "merger: {models: {replay: {weight: [{value: x}]}}}"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("merger.models.replay.weight")
                .hasMessageContaining("a gradient over the layers");
        assertThatThrownBy(() -> RunSpecs.parse(MINIMAL_YAML + "merger: {models: {final: {weight: 1}}}"))
                .hasMessageContaining("merger.models.final").hasMessageContaining("base, extended, replay");
        assertThatThrownBy(() -> RunSpecs.parse(MINIMAL_YAML + "merger: {sweep: [0.5, 1.5, 0.5]}"))
                .hasMessageContaining("merger.sweep[1]").hasMessageContaining("merger.sweep[2]")
                .hasMessageContaining("listed twice");
    }

    @Test
    void aSpecOfAnOlderVersionWithLinearLambdasKeepsItsMerge() {
        RunSpec old = RunSpecs.parse(MINIMAL_YAML + "merger: {method: linear, parameters: {lambdaBase: 0.3,"
                + " lambdaReplay: 0.6}}\n");
        assertThat(old.merger().models()).containsExactly(Map.entry("base", Map.of("weight", MergeSetting.of(0.3))),
                Map.entry("replay", Map.of("weight", MergeSetting.of(0.6))));
        assertThat(old.merger().parameters()).containsOnlyKeys("normalize");
        assertThat(old.merger().parameters().get("normalize").number()).isZero(); // 0.3·base + 0.6·replay, as before
        RunSpec set = RunSpecs.withOverrides(RunSpecs.parse(MINIMAL_YAML), Map.of("merger.parameters.lambdaBase", "0.2"));
        assertThat(set.merger().models().get("base")).containsEntry("weight", MergeSetting.of(0.2));
        assertThat(set.merger().models().get("replay")).containsEntry("weight", MergeSetting.of(0.5));
    }

    @Test
    void overridesReplaceValuesAndAreValidated() {
        RunSpec spec = RunSpecs.parse(MINIMAL_YAML);
        RunSpec changed = RunSpecs.withOverrides(spec, Map.of("trainer.extension.lr", "1e-5",
                "merger.models.replay.weight", "0.7", "merger.sweep", "[0, 0.5, 1]", "evaluator.lengths", "[256, 512]"));
        assertThat(changed.trainer().extension().lr()).isEqualTo(1e-5);
        assertThat(changed.merger().models().get("replay")).containsEntry("weight", MergeSetting.of(0.7));
        assertThat(changed.merger().models().get("base")).containsEntry("weight", MergeSetting.of(0.5));
        assertThat(changed.merger().sweep()).containsExactly(0.0, 0.5, 1.0);
        assertThat(changed.evaluator().lengths()).containsExactly(256, 512);
        assertThatThrownBy(() -> RunSpecs.withOverrides(spec, Map.of("trainer.extension.lrr", "1")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("trainer.extension.lrr")
                .hasMessageContaining("lr");
        assertThatThrownBy(() -> RunSpecs.withOverrides(spec, Map.of("segmenter.ratio", "2")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("segmenter.ratio");
    }

    @Test
    void evaluatorComparesFourModelsAndMeasuresPerplexityOnTheHaystackUnlessToldOtherwise() {
        RunSpec spec = RunSpecs.parse(MINIMAL_YAML);
        assertThat(spec.evaluator().models()).containsExactly("base", "extended", "replay", "merged");
        assertThat(spec.evaluator().perplexityCorpus()).isNull();

        RunSpec heldOut = RunSpecs.parse(MINIMAL_YAML + "evaluator:\n  perplexityCorpus: inputs/heldout.txt.gz\n"
                + "  models: [base, replay]\n");
        assertThat(heldOut.evaluator().perplexityCorpus()).isEqualTo("inputs/heldout.txt.gz");
        assertThat(heldOut.evaluator().models()).containsExactly("base", "replay");
        assertThat(RunSpecs.parse(Json.write(heldOut))).isEqualTo(heldOut);
        assertThat(RunSpecs.withOverrides(spec, Map.of("evaluator.perplexityCorpus", "s3://b/heldout.jsonl"))
                .evaluator().perplexityCorpus()).isEqualTo("s3://b/heldout.jsonl");
    }

    @Test
    void evaluatorModelsMustBeKnownAndDistinct() {
        InvalidSpecException e = (InvalidSpecException) org.assertj.core.api.Assertions.catchThrowable(
                () -> RunSpecs.parse(MINIMAL_YAML + "evaluator:\n  models: [base, replayed, base]\n"
                        + "  perplexityCorpus: ' '\n"));
        assertThat(e.errors()).extracting(SpecError::field).containsExactlyInAnyOrder("evaluator.models[1]",
                "evaluator.models[2]", "evaluator.perplexityCorpus");
        assertThat(e.getMessage()).contains("use one of base, extended, replay, merged", "listed twice");
    }

    @Test
    void evaluatorTasksAreRulersThirteenWithQaDataSetsAndAnOptionalBudgetOverride() {
        RunSpec spec = RunSpecs.parse(MINIMAL_YAML + "evaluator:\n  tasks: [niah_single_2, vt, qa_1]\n"
                + "  maxNewTokens: 64\n  qaDatasets:\n    qa_1: inputs/squad-dev-v2.0.json\n");
        assertThat(spec.evaluator().tasks()).containsExactly("niah_single_2", "vt", "qa_1");
        assertThat(spec.evaluator().maxNewTokens()).isEqualTo(64);
        assertThat(spec.evaluator().qaDatasets()).containsEntry("qa_1", "inputs/squad-dev-v2.0.json");
        assertThat(RunSpecs.parse(Json.write(spec))).isEqualTo(spec);
        assertThat(EvaluatorParams.TASKS).hasSize(13);

        InvalidSpecException e = (InvalidSpecException) org.assertj.core.api.Assertions.catchThrowable(
                () -> RunSpecs.parse(MINIMAL_YAML + "evaluator:\n  tasks: [niah_single]\n  maxNewTokens: 0\n"
                        + "  qaDatasets:\n    qa_3: x.json\n"));
        assertThat(e.errors()).extracting(SpecError::field).containsExactlyInAnyOrder("evaluator.tasks[0]",
                "evaluator.maxNewTokens", "evaluator.qaDatasets.qa_3");
    }

    @Test
    void everyKnobCanBeSetAloneAndChangesOnlyItself() {
        RunSpec defaults = RunSpecs.parse(MINIMAL_YAML);
        List<SpecKnobs.Knob> knobs = SpecKnobs.all();
        assertThat(knobs).extracting(SpecKnobs.Knob::path).contains("seed", "segmenter.shardSamples",
                "trainer.extension.lr", "trainer.replay.steps", "merger.models", "evaluator.weightStorage");
        for (SpecKnobs.Knob knob : knobs) {
            String value = SpecKnobs.nonDefault(knob, knob.valueIn(defaults));
            RunSpec set = RunSpecs.parse(MINIMAL_YAML, Map.of(knob.path(), value));
            assertThat(knob.valueIn(set)).as(knob.path() + " set to " + value).isEqualTo(knob.parse(value))
                    .isNotEqualTo(knob.valueIn(defaults));
            for (SpecKnobs.Knob other : knobs) {
                if (other != knob) {
                    assertThat(other.valueIn(set)).as(other.path() + " when " + knob.path() + " is set")
                            .isEqualTo(other.valueIn(defaults));
                }
            }
        }
    }

    @Test
    void aSectionLeftOutIsTheSectionWithEveryDefault() {
        RunSpec spec = Json.MAPPER.convertValue(Map.of("baseModel", "m"), RunSpec.class);
        assertThat(spec.baseModel()).isEqualTo("m");
        assertThat(spec.method()).isEqualTo(RunSpec.defaults().method());
        assertThat(spec.seed()).isEqualTo(42L);
        assertThat(spec.segmenter()).isEqualTo(SegmenterParams.defaults());
        assertThat(spec.merger()).isEqualTo(MergerParams.defaults());
        assertThat(spec.trainer().extension().steps()).isEqualTo(100);
        assertThat(spec.trainer().replay().steps()).isNull();
        assertThat(spec.trainer().replay().lr()).isEqualTo(5e-6);
        assertThat(new SegmenterParams(null, null, null, null, null, null, null)).isEqualTo(spec.segmenter());
    }
}
