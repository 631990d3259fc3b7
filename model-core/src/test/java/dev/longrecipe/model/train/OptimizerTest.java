package dev.longrecipe.model.train;

import ai.djl.Device;
import dev.longrecipe.model.config.Architecture;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.model.llama.LlamaModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OptimizerTest {
    static final ModelConfig TINY = new ModelConfig(Architecture.LLAMA, 64, 32, 48, 2, 4, 2, 8, 1e-5, 128, false,
            false, false, false, null, RopeParameters.defaultRope(10000));

    @Test
    void firstAdamWStepMovesEachWeightByLrTimesSignAndDecaysOnlyMatrices() {
        try (LlamaModel model = LlamaModel.random(TINY, 7, Device.cpu())) {
            double lr = 0.01;
            double wd = 0.1;
            AdamW adamw = new AdamW(model, AdamWSettings.withWeightDecay(wd));
            TrainStep step = new TrainStep(model, adamw, new ConstantSchedule(lr, 0), 0, false);
            step.accumulateGradients(List.of(batch(model, 3)));
            String matrix = "model.layers.0.mlp.up_proj.weight";
            String norm = "model.layers.0.input_layernorm.weight";
            float[] p0 = model.parameterValues(matrix);
            float[] g = model.gradientValues(matrix);
            float[] n0 = model.parameterValues(norm);
            float[] gn = model.gradientValues(norm);
            adamw.update(lr);
            // t=1: m̂ = g, sqrt(v̂) = |g|, so p1 = p0 (1 - lr wd) - lr g / (|g| + eps)
            float[] p1 = model.parameterValues(matrix);
            for (int i = 0; i < p0.length; i++) {
                double expected = p0[i] * (1 - lr * wd) - lr * g[i] / (Math.abs(g[i]) + 1e-8);
                assertThat((double) p1[i]).as("matrix element " + i).isCloseTo(expected, within(1e-6));
            }
            float[] n1 = model.parameterValues(norm);
            for (int i = 0; i < n0.length; i++) {
                double expected = n0[i] - lr * gn[i] / (Math.abs(gn[i]) + 1e-8);
                assertThat((double) n1[i]).as("norm element " + i).isCloseTo(expected, within(1e-6));
            }
            assertThat(adamw.step()).isEqualTo(1);
        }
    }

    @Test
    void optimizerStepsLeaveNoArraysBehindInTheModelsManagers() {
        // each step once left five parameter-sized temporaries in the optimizer's manager: 22 GB after 258 steps
        try (LlamaModel model = LlamaModel.random(TINY, 13, Device.cpu())) {
            AdamW adamw = new AdamW(model, AdamWSettings.withWeightDecay(0.1));
            TrainStep step = new TrainStep(model, adamw, new ConstantSchedule(1e-3, 0), 1.0, false);
            step.run(List.of(batch(model, 3)));
            int afterOne = model.manager().getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                step.run(List.of(batch(model, 3)));
            }
            assertThat(model.manager().getManagedArrays()).hasSize(afterOne);
        }
    }

    @Test
    void globalNormClippingScalesAllGradientsToTheLimit() {
        try (LlamaModel model = LlamaModel.random(TINY, 11, Device.cpu())) {
            TrainStep step = new TrainStep(model, new AdamW(model, AdamWSettings.withWeightDecay(0)),
                    new ConstantSchedule(1e-3, 0), 0, false);
            step.accumulateGradients(List.of(batch(model, 5)));
            double sum = 0;
            for (String p : model.parameters().keySet()) {
                for (float v : model.gradientValues(p)) {
                    sum += (double) v * v;
                }
            }
            double norm = GlobalNormClipping.clip(model, 0);
            assertThat(norm).isCloseTo(Math.sqrt(sum), within(1e-5 * norm));
            String any = "model.embed_tokens.weight";
            float[] before = model.gradientValues(any);
            GlobalNormClipping.clip(model, norm / 4);
            assertThat(GlobalNormClipping.clip(model, 0)).isCloseTo(norm / 4, within(1e-4 * norm));
            float[] after = model.gradientValues(any);
            double ratio = norm / 4 / (norm + 1e-6);
            for (int i = 0; i < before.length; i += 97) {
                assertThat((double) after[i]).isCloseTo(before[i] * ratio, within(1e-9 + 1e-6 * Math.abs(before[i])));
            }
        }
    }

    @Test
    void trainingIsDeterministicAndLowersTheLossOnARepeatedBatch() {
        List<Double> first = losses(3);
        List<Double> second = losses(3);
        assertThat(second).isEqualTo(first);
        assertThat(first.get(first.size() - 1)).isLessThan(first.get(0));
    }

    private static List<Double> losses(long seed) {
        try (LlamaModel model = LlamaModel.random(TINY, seed, Device.cpu())) {
            TrainStep step = new TrainStep(model, new AdamW(model, AdamWSettings.withWeightDecay(0.1)),
                    new WarmupCosineSchedule(3e-3, 2, 10, 0.1), 1.0, true);
            List<Double> out = new ArrayList<>();
            Batch b = batch(model, 1);
            for (int i = 0; i < 6; i++) {
                out.add(step.run(List.of(b)).loss());
            }
            return out;
        }
    }

    @Test
    void schedulesFollowTransformersDefinitions() {
        LrSchedule cosine = LrSchedules.create(new LrScheduleSpec("cosine", 1e-3, 10, 110, 0));
        assertThat(cosine.learningRate(0)).isEqualTo(0);
        assertThat(cosine.learningRate(5)).isCloseTo(5e-4, within(1e-15));
        assertThat(cosine.learningRate(10)).isCloseTo(1e-3, within(1e-15));
        assertThat(cosine.learningRate(60)).isCloseTo(5e-4, within(1e-15));   // half way: 0.5 (1 + cos(pi/2))
        assertThat(cosine.learningRate(110)).isCloseTo(0, within(1e-15));
        LrSchedule floored = LrSchedules.create(new LrScheduleSpec("cosine", 1e-3, 0, 100, 0.1));
        assertThat(floored.learningRate(100)).isCloseTo(1e-4, within(1e-15));
        LrSchedule constant = LrSchedules.create(new LrScheduleSpec("constant", 5e-5, 4, 104, 0));
        assertThat(constant.learningRate(2)).isCloseTo(2.5e-5, within(1e-15));
        assertThat(constant.learningRate(50)).isEqualTo(5e-5);
        assertThatThrownBy(() -> LrSchedules.create(new LrScheduleSpec("linear", 1e-3, 0, 10, 0)))
                .hasMessageContaining("unknown learning-rate schedule 'linear' (known: constant, cosine)");
    }

    @Test
    void ignoredLabelsDoNotCountAsTargets() {
        Batch b = Batch.of(new long[][]{{1, 2, 3, 4}}, new long[][]{{0, 1, 2, 3}},
                new long[][]{{1, 2, CausalLmLoss.IGNORE_INDEX, CausalLmLoss.IGNORE_INDEX}});
        assertThat(b.targetCount()).isEqualTo(1);
    }

    @Test
    void paddingWithIgnoreIndexLeavesTheLossOfTheRealTokensUnchanged() {
        try (LlamaModel model = LlamaModel.random(TINY, 5, Device.cpu())) {
            TrainStep step = new TrainStep(model, new AdamW(model, AdamWSettings.withWeightDecay(0)),
                    new ConstantSchedule(1e-3, 0), 0, false);
            long[] ids = {5, 9, 13, 2, 40, 41};
            double unpadded = step.accumulateGradients(List.of(Batch.causal(new long[][]{ids},
                    new long[][]{{0, 1, 2, 3, 4, 5}})));
            long ig = CausalLmLoss.IGNORE_INDEX;
            Batch padded = Batch.of(new long[][]{{5, 9, 13, 2, 40, 41, 0, 0, 0}},
                    new long[][]{{0, 1, 2, 3, 4, 5, 6, 7, 8}},
                    new long[][]{{5, 9, 13, 2, 40, 41, ig, ig, ig}});
            assertThat(step.accumulateGradients(List.of(padded))).isCloseTo(unpadded, within(1e-6));
        }
    }

    static Batch batch(LlamaModel model, long seed) {
        java.util.Random r = new java.util.Random(seed);
        long[][] ids = new long[2][24];
        long[][] pos = new long[2][24];
        for (int b = 0; b < 2; b++) {
            long p = 0;
            for (int t = 0; t < 24; t++) {
                ids[b][t] = r.nextInt(model.config().vocabSize());
                pos[b][t] = p;
                p += 1 + r.nextInt(3);
            }
        }
        return Batch.causal(ids, pos);
    }
}
