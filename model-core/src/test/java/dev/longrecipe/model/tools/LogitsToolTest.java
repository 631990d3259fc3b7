package dev.longrecipe.model.tools;

import ai.djl.Device;
import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.hf.SafetensorsWriter;
import dev.longrecipe.hf.TensorSpec;
import dev.longrecipe.model.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogitsToolTest {

    @Test
    void writesReferenceLogitsForI32InputsWithPositionIds(@TempDir Path tmp) {
        Path in = tmp.resolve("in.safetensors");
        Path out = tmp.resolve("out.safetensors");
        try (SafetensorsFile ref = Fixtures.reference("llama-linear4")) {
            try (SafetensorsWriter w = new SafetensorsWriter(in, List.of(
                    new TensorSpec("input_ids", DType.I32, new long[]{2, 40}),
                    new TensorSpec("position_ids", DType.I32, new long[]{2, 40})), Map.of())) {
                w.write("input_ids", ref.raw("input_ids"));
                w.write("position_ids", ref.raw("position_ids_skipped"));
            }
            LogitsTool.run(Fixtures.model("llama-linear4"), in, out, Device.cpu());
            try (SafetensorsFile logits = SafetensorsFile.open(out)) {
                assertThat(logits.info("logits").shape()).containsExactly(2, 40, 512);
                assertThat(logits.info("logits").dtype()).isEqualTo(DType.F32);
                assertThat(Fixtures.relativeError(logits.readFloat32("logits"), ref.readFloat32("logits_skipped")))
                        .isLessThan(1e-4);
            }
        }
    }

    @Test
    void defaultsToContiguousPositionsForI64Inputs(@TempDir Path tmp) {
        Path in = tmp.resolve("in.safetensors");
        Path out = tmp.resolve("out.safetensors");
        try (SafetensorsFile ref = Fixtures.reference("qwen2")) {
            long[] ids = ref.readInt64("input_ids");
            ByteBuffer b = ByteBuffer.allocate(ids.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(ids);
            try (SafetensorsWriter w = new SafetensorsWriter(in,
                    List.of(new TensorSpec("input_ids", DType.I64, new long[]{2, 40})), Map.of())) {
                w.write("input_ids", b);
            }
            LogitsTool.run(Fixtures.model("qwen2"), in, out, Device.cpu());
            try (SafetensorsFile logits = SafetensorsFile.open(out)) {
                assertThat(Fixtures.relativeError(logits.readFloat32("logits"),
                        ref.readFloat32("logits_contiguous"))).isLessThan(1e-4);
            }
        }
    }

    @Test
    void missingInputIdsIsAClearError(@TempDir Path tmp) {
        Path in = tmp.resolve("in.safetensors");
        try (SafetensorsWriter w = new SafetensorsWriter(in,
                List.of(new TensorSpec("tokens", DType.I64, new long[]{1, 2})), Map.of())) {
            w.write("tokens", ByteBuffer.allocate(16));
        }
        assertThatThrownBy(() -> LogitsTool.run(Fixtures.model("qwen2"), in, tmp.resolve("o"), Device.cpu()))
                .hasMessageContaining("has no 'input_ids' tensor");
    }
}
