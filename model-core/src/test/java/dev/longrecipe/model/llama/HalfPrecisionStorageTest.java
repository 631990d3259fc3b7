package dev.longrecipe.model.llama;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.model.testing.Fixtures;
import dev.longrecipe.model.train.AdamW;
import dev.longrecipe.model.train.AdamWSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Weights stored as float16: the forward pass is the float32 pass of the same, float16-rounded, weights. */
class HalfPrecisionStorageTest {

    @ParameterizedTest
    @MethodSource(Fixtures.EACH_MODEL)
    void float16StorageComputesWhatFloat32ComputesWithTheRoundedWeights(String name) {
        try (LlamaModel half = LlamaModel.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT16);
             LlamaModel rounded = LlamaModel.load(Fixtures.model(name), Device.cpu())) {
            assertThat(half.storage()).isEqualTo(DataType.FLOAT16);
            assertThat(half.parameters().values()).allSatisfy(p -> assertThat(p.getDataType())
                    .isEqualTo(DataType.FLOAT16));
            for (String p : rounded.parameters().keySet()) {
                rounded.setParameterValues(p, half.parameterValues(p));
            }
            float[] expected = logits(rounded);
            float[] actual = logits(half);
            assertThat(Fixtures.relativeError(actual, expected)).as(name).isLessThan(1e-6);
            float[] full;
            try (LlamaModel f32 = LlamaModel.load(Fixtures.model(name), Device.cpu())) {
                full = logits(f32);
            }
            assertThat(Fixtures.relativeError(actual, full)).as(name + " against float32 weights").isLessThan(1e-2);
        }
    }

    @ParameterizedTest
    @MethodSource(Fixtures.EACH_MODEL)
    void float16WeightsCannotBeTrained(String name) {
        try (LlamaModel half = LlamaModel.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT16)) {
            assertThatThrownBy(() -> new AdamW(half, AdamWSettings.withWeightDecay(0)))
                    .hasMessageContaining("training needs float32 weights");
        }
    }

    /** Logits of a fixed 2 × 7 batch, by a full pass and by incremental decoding through the cache. */
    private static float[] logits(LlamaModel model) {
        int v = model.config().vocabSize();
        long[] ids = new long[14];
        long[] pos = new long[14];
        for (int i = 0; i < 14; i++) {
            ids[i] = (i * 37L + 11) % v;
            pos[i] = i % 7;
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray inputIds = m.create(ids, new Shape(2, 7));
            NDArray positions = m.create(pos, new Shape(2, 7));
            float[] whole = model.score(inputIds, positions).toFloatArray();
            KvCache cache = model.newKvCache();
            model.score(inputIds.get(":, 0:4"), positions.get(":, 0:4"), cache);
            float[] last = model.score(inputIds.get(":, 4:7"), positions.get(":, 4:7"), cache).toFloatArray();
            cache.close();
            float[] out = new float[whole.length + last.length];
            System.arraycopy(whole, 0, out, 0, whole.length);
            System.arraycopy(last, 0, out, whole.length, last.length);
            return out;
        }
    }
}
