package dev.longrecipe.cli.plan;

import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.plan.TrainingMemory;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunPlannerTest {
    private static final long GiB = 1L << 30;
    private static final long CHUNK = LlamaModel.DEFAULT_ATTENTION_CHUNK_ELEMENTS;
    private final ModelConfig demo = PlanCommand.readConfig(Path.of("../demo/base-model"));

    private static RunSpec spec(String yaml, Map<String, String> overrides) {
        return RunSpecs.parse("baseModel: b\ncorpus: c.jsonl\nreplayCorpus: r.jsonl\n" + yaml, overrides);
    }

    private static RunSpec flt(int target, int micro, boolean recompute) {
        return spec("targetLength: " + target + "\nmethod: flt\ntrainer:\n  recompute: " + recompute
                + "\n  replayFraction: 0\n  extension:\n    batchSize: 8\n    microBatchSize: " + micro + "\n", Map.of());
    }

    @Test
    void theDemoFitsAnOrdinaryMachineAndItsSampleLengthIsRatioTimesTarget() throws Exception {
        RunSpec spec = RunSpecs.parse(Files.readString(Path.of("../demo/spec.yaml")), Map.of());
        RunPlanner.Plan plan = RunPlanner.gpu(8 * GiB, 1e10).plan(spec, demo, 256);
        assertThat(plan.fits()).isTrue();
        assertThat(plan.advice()).isEmpty();
        RunPlanner.TrainingRow extension = plan.training().get(0);
        assertThat(extension.seqLen()).isEqualTo(Math.round(0.3 * 1024));
        assertThat(extension.microBatch()).isEqualTo(8);
        assertThat(extension.specSetting()).isTrue();
        assertThat(extension.secondsPerStep()).isPositive();
        assertThat(plan.training()).extracting(RunPlanner.TrainingRow::phase).contains("replay");
    }

    @Test
    void aRunThatFitsOnlyWithRecomputationIsToldToTurnItOn() {
        RunSpec spec = flt(16384, 1, false);
        long with = TrainingMemory.estimate(demo, 1, 16384, true, CHUNK, 0).totalBytes();
        long without = TrainingMemory.estimate(demo, 1, 16384, false, CHUNK, 0).totalBytes();
        RunPlanner.Plan plan = new RunPlanner("test device", (with + without) / 2, 0, 0).plan(spec, demo, 256);
        assertThat(plan.fits()).isFalse();
        assertThat(plan.advice()).singleElement().asString().contains("set trainer.recompute: true");
    }

    @Test
    void aMicroBatchTooLargeIsToldTheLargestThatFits() {
        RunSpec spec = flt(8192, 4, true);
        long two = TrainingMemory.estimate(demo, 2, 8192, true, CHUNK, 0).totalBytes();
        RunPlanner.Plan plan = new RunPlanner("test device", two + (1 << 20), 0, 0).plan(spec, demo, 256);
        assertThat(plan.advice()).singleElement().asString()
                .contains("set trainer.extension.microBatchSize: 2").contains("batchSize stays 8");
    }

    @Test
    void aSampleTooLongIsToldTheLongestThatFitsAndTheRatioThatGivesIt() {
        RunSpec spec = spec("targetLength: 65536\nsegmenter:\n  ratio: 0.5\ntrainer:\n  recompute: true\n"
                + "  replayFraction: 0\n  extension:\n    batchSize: 2\n    microBatchSize: 1\n", Map.of());
        long device = TrainingMemory.estimate(demo, 1, 16384, true, CHUNK, 0).totalBytes();
        RunPlanner planner = new RunPlanner("test device", device, 0, 0);
        RunPlanner.Plan plan = planner.plan(spec, demo, 256);
        long longest = planner.longestFitting(demo, CHUNK);
        assertThat(longest).isBetween(16384L, 16500L);
        assertThat(TrainingMemory.estimate(demo, 1, longest + 1, true, CHUNK, 0).totalBytes()).isGreaterThan(device);
        assertThat(plan.advice().get(0)).contains("at most " + longest + " tokens").contains("segmenter.ratio ≤ 0.25");
    }

    @Test
    void thePapersLlama3RunDoesNotFitOneGpuInFloat32AndSaysWhy() throws Exception {
        Path dir = Path.of("../docs/plan");
        RunSpec spec = RunSpecs.parse(Files.readString(dir.resolve("paper-llama3-8b-80k.yaml")), Map.of());
        ModelConfig llama3 = PlanCommand.readConfig(dir.resolve("llama-3-8b"));
        assertThat(TrainingMemory.parameterCount(llama3)).isEqualTo(8_030_261_248L); // Meta's published count
        RunPlanner.Plan plan = RunPlanner.gpu(80 * GiB, 0).plan(spec, llama3, 8192);
        assertThat(plan.training().get(0).seqLen()).isEqualTo(24576);
        assertThat(plan.fits()).isFalse();
        assertThat(plan.advice().get(0)).contains("alone take 120.7 GiB");
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(Sizes.parse("80GiB")).isEqualTo(80 * GiB);
        assertThat(Sizes.parse("80GB")).isEqualTo(80 * GiB);
        assertThat(Sizes.parse("512 MiB")).isEqualTo(512L << 20);
        assertThat(Sizes.parse("1.5g")).isEqualTo(3 * GiB / 2);
        assertThat(Sizes.parse("1000")).isEqualTo(1000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sizes.parse("lots"))
                .hasMessageContaining("80GiB");
    }
}
