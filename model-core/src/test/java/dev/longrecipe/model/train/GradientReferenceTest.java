package dev.longrecipe.model.train;

import ai.djl.Device;
import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Loss and every parameter gradient against transformers (train mode, labels = input ids, skipped positions). */
class GradientReferenceTest {

    @ParameterizedTest
    @MethodSource(Fixtures.EACH_MODEL)
    void lossAndEveryGradientMatchTransformers(String name) {
        for (boolean recompute : new boolean[]{false, true}) {
            try (LlamaModel model = LlamaModel.load(Fixtures.model(name), Device.cpu());
                 SafetensorsFile ref = Fixtures.reference(name)) {
                TrainStep step = trainStep(model, recompute);
                double loss = step.accumulateGradients(List.of(referenceBatch(ref)));
                assertThat(loss).as(name + " loss, recompute=" + recompute)
                        .isCloseTo(ref.readFloat32("loss_skipped")[0], within(1e-5));
                for (String param : model.parameters().keySet()) {
                    float[] expected = ref.readFloat32("grad." + param);
                    assertThat(Fixtures.relativeError(model.gradientValues(param), expected))
                            .as(name + " grad " + param + ", recompute=" + recompute).isLessThan(1e-3);
                }
            }
        }
    }

    @Test
    void recomputationAndMicroBatchAccumulationGiveTheSameGradientsAsOneBatch() {
        try (LlamaModel model = LlamaModel.load(Fixtures.model("qwen2"), Device.cpu());
             SafetensorsFile ref = Fixtures.reference("qwen2")) {
            Batch whole = referenceBatch(ref);
            TrainStep plain = trainStep(model, false);
            double lossWhole = plain.accumulateGradients(List.of(whole));
            var expected = new java.util.LinkedHashMap<String, float[]>();
            model.parameters().keySet().forEach(p -> expected.put(p, model.gradientValues(p)));

            double lossRecomputed = trainStep(model, true).accumulateGradients(List.of(whole));
            assertThat(lossRecomputed).isCloseTo(lossWhole, within(1e-6));
            expected.forEach((p, g) -> assertThat(Fixtures.relativeError(model.gradientValues(p), g))
                    .as("recomputed " + p).isLessThan(1e-6));

            List<Batch> rows = List.of(row(whole, 0), row(whole, 1));
            double lossAccumulated = plain.accumulateGradients(rows);
            assertThat(lossAccumulated).isCloseTo(lossWhole, within(1e-6));
            expected.forEach((p, g) -> assertThat(Fixtures.relativeError(model.gradientValues(p), g))
                    .as("accumulated " + p).isLessThan(1e-5));
        }
    }

    @ParameterizedTest
    @MethodSource(Fixtures.EACH_MODEL)
    void recomputationWithOneQueryAndOnePositionPerChunkGivesTheWholeGraphsGradients(String name) {
        try (LlamaModel model = LlamaModel.load(Fixtures.model(name), Device.cpu());
             SafetensorsFile ref = Fixtures.reference(name)) {
            Batch batch = referenceBatch(ref);
            double lossWhole = trainStep(model, false).accumulateGradients(List.of(batch));
            var expected = new java.util.LinkedHashMap<String, float[]>();
            model.parameters().keySet().forEach(p -> expected.put(p, model.gradientValues(p)));

            model.setAttentionChunkElements(1); // attention: one query per chunk; loss: one position per chunk
            double lossChunked = trainStep(model, true).accumulateGradients(List.of(batch));
            assertThat(lossChunked).isCloseTo(lossWhole, within(1e-5));
            expected.forEach((p, g) -> assertThat(Fixtures.relativeError(model.gradientValues(p), g))
                    .as(name + " chunked " + p).isLessThan(1e-5));
        }
    }

    static TrainStep trainStep(LlamaModel model, boolean recompute) {
        AdamW adamw = new AdamW(model, AdamWSettings.withWeightDecay(0.1));
        return new TrainStep(model, adamw, new ConstantSchedule(1e-3, 0), 1.0, recompute);
    }

    static Batch referenceBatch(SafetensorsFile ref) {
        long[] ids = ref.readInt64("input_ids");
        long[] pos = ref.readInt64("position_ids_skipped");
        long[] shape = ref.info("input_ids").shape();
        return new Batch((int) shape[0], (int) shape[1], ids, pos, ids.clone());
    }

    static Batch row(Batch b, int r) {
        int t = b.seqLen();
        return new Batch(1, t, java.util.Arrays.copyOfRange(b.inputIds(), r * t, (r + 1) * t),
                java.util.Arrays.copyOfRange(b.positionIds(), r * t, (r + 1) * t),
                java.util.Arrays.copyOfRange(b.labels(), r * t, (r + 1) * t));
    }
}
