package dev.longrecipe.model.llama;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.model.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Logits against transformers' eager-attention reference for every fixture model. */
class LlamaModelReferenceTest {

    @ParameterizedTest
    @MethodSource(Fixtures.EACH_MODEL)
    void logitsMatchTransformersForContiguousSkippedAndLongInputs(String name) {
        try (LlamaModel model = LlamaModel.load(Fixtures.model(name), Device.cpu());
             SafetensorsFile ref = Fixtures.reference(name);
             NDManager step = model.manager().newSubManager()) {
            NDArray ids = Fixtures.int64(ref, "input_ids", step);
            for (String kind : List.of("contiguous", "skipped")) {
                NDArray pos = Fixtures.int64(ref, "position_ids_" + kind, step);
                float[] logits = model.score(ids, pos).toFloatArray();
                assertThat(Fixtures.relativeError(logits, ref.readFloat32("logits_" + kind)))
                        .as(name + " " + kind).isLessThan(1e-4);
            }
            NDArray longIds = Fixtures.int64(ref, "input_ids_long", step);
            long t = longIds.getShape().get(1);
            NDArray longPos = step.arange(0L, t, 1L, ai.djl.ndarray.types.DataType.INT64).reshape(1, t);
            NDArray last8 = model.score(longIds, longPos).get(new NDIndex(":, {}:, :", t - 8));
            assertThat(Fixtures.relativeError(last8.toFloatArray(), ref.readFloat32("logits_long_last8")))
                    .as(name + " long").isLessThan(1e-4);
        }
    }
}
