package dev.longrecipe.model.checkpoint;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.testing.Fixtures;
import dev.longrecipe.model.train.AdamW;
import dev.longrecipe.model.train.AdamWSettings;
import dev.longrecipe.model.train.Batch;
import dev.longrecipe.model.train.SeededRandom;
import dev.longrecipe.model.train.TrainStep;
import dev.longrecipe.model.train.WarmupCosineSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointTest {

    @Test
    void saveThenLoadIsBitExactAndRecordsNewRopeAndWindow(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("extended");
        try (LlamaModel model = LlamaModel.load(Fixtures.model("qwen2"), Device.cpu())) {
            model.saveHfFolder(out, DType.F32, RopeParameters.defaultRope(2.5e7), 1024);
            try (LlamaModel reloaded = LlamaModel.load(out, Device.cpu())) {
                for (String p : model.parameters().keySet()) {
                    assertThat(reloaded.parameterValues(p)).as(p).containsExactly(model.parameterValues(p));
                }
                assertThat(reloaded.config()).isEqualTo(model.config().withRope(RopeParameters.defaultRope(2.5e7), 1024));
            }
        }
        var json = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(json.get("rope_parameters").get("rope_theta").asDouble()).isEqualTo(2.5e7);
        assertThat(json.get("max_position_embeddings").asInt()).isEqualTo(1024);
        assertThat(json.get("architectures").get(0).asText()).isEqualTo("Qwen2ForCausalLM");
        assertThat(out.resolve("generation_config.json")).hasSameTextualContentAs(
                Fixtures.model("qwen2").resolve("generation_config.json"));
    }

    @Test
    void bf16FolderSavedAsBf16KeepsTheExactBytes(@TempDir Path tmp) {
        Path bf16 = tmp.resolve("bf16");
        Path again = tmp.resolve("bf16-again");
        try (LlamaModel model = LlamaModel.load(Fixtures.model("llama-tied-theta1m"), Device.cpu())) {
            model.saveHfFolder(bf16, DType.BF16, null, null);
        }
        try (LlamaModel model = LlamaModel.load(bf16, Device.cpu())) {
            assertThat(model.sourceDtype()).isEqualTo(DType.BF16);
            model.saveHfFolder(again, DType.BF16, null, null);
        }
        try (HfModelFolder a = HfModelFolder.open(bf16); HfModelFolder b = HfModelFolder.open(again)) {
            assertThat(b.tensorNames()).isEqualTo(a.tensorNames());
            assertThat(a.tensorNames()).doesNotContain("lm_head.weight");
            for (String name : a.tensorNames()) {
                assertThat(b.raw(name)).as(name).isEqualTo(a.raw(name));
            }
        }
    }

    @Test
    void resumedTrainingGivesTheLossesOfAnUninterruptedRun(@TempDir Path tmp) {
        for (DType dtype : List.of(DType.F32, DType.BF16)) {
            List<Double> uninterrupted;
            try (LlamaModel model = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu());
                 AdamW adamw = new AdamW(model, AdamWSettings.withWeightDecay(0.1))) {
                uninterrupted = losses(trainStep(model, adamw), new SeededRandom(42), 4);
            }

            List<Double> resumed = new ArrayList<>();
            Path checkpoint = tmp.resolve("step2-" + dtype);
            try (LlamaModel model = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu());
                 AdamW adamw = new AdamW(model, AdamWSettings.withWeightDecay(0.1))) {
                resumed.addAll(losses(trainStep(model, adamw), new SeededRandom(42), 2));
                TrainingCheckpoint.save(checkpoint, model, adamw, dtype);
            }
            try (TrainingCheckpoint.Resumed r = TrainingCheckpoint.load(checkpoint, Device.cpu())) {
                assertThat(r.optimizer().step()).isEqualTo(2);
                SeededRandom rng = new SeededRandom(42); // the caller's own position: two samples drawn
                sample(rng);
                sample(rng);
                resumed.addAll(losses(trainStep(r.model(), r.optimizer()), rng, 2));
            }
            assertThat(resumed).as("dtype " + dtype).isEqualTo(uninterrupted);
        }
    }

    @Test
    void folderWithoutTrainerStateIsNotAResumableCheckpoint() {
        assertThatThrownBy(() -> TrainingCheckpoint.load(Fixtures.model("llama-default"), Device.cpu()))
                .hasMessageContaining("not a complete training checkpoint");
    }

    @Test
    void existingOutputFolderIsNotOverwritten(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        try (LlamaModel model = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu())) {
            assertThatThrownBy(() -> model.saveHfFolder(out, DType.F32, null, null))
                    .hasMessageContaining("already exists");
        }
    }

    static TrainStep trainStep(LlamaModel model, AdamW adamw) {
        return new TrainStep(model, adamw, new WarmupCosineSchedule(2e-3, 1, 4, 0), 1.0, false);
    }

    /** The losses of {@code steps} steps, each on a sample drawn from {@code rng}. */
    static List<Double> losses(TrainStep step, SeededRandom rng, int steps) {
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            losses.add(step.run(List.of(sample(rng))).loss());
        }
        return losses;
    }

    /** A random 2 x 16 sample with skipped positions, drawn from the trainer's generator. */
    static Batch sample(SeededRandom rng) {
        long[][] ids = new long[2][16];
        long[][] pos = new long[2][16];
        for (int b = 0; b < 2; b++) {
            long p = 0;
            for (int t = 0; t < 16; t++) {
                ids[b][t] = rng.nextInt(512);
                pos[b][t] = p;
                p += 1 + rng.nextInt(4);
            }
        }
        return Batch.causal(ids, pos);
    }
}
