package dev.longrecipe.hf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsWriterTest {

    @TempDir
    Path tmp;

    static ByteBuffer randomBytes(long n, long seed) {
        byte[] b = new byte[Math.toIntExact(n)];
        new Random(seed).nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    static float[] randomFloats(int n, long seed) {
        Random r = new Random(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F16", "BF16"})
    void writtenTensorsReadBackBitExact(DType dtype) {
        Path p = tmp.resolve("m.safetensors");
        List<TensorSpec> plan = List.of(new TensorSpec("a", dtype, new long[] {3, 5}),
                new TensorSpec("b", dtype, new long[] {7}), new TensorSpec("scalar", dtype, new long[] {}));
        ByteBuffer a = randomBytes(15L * dtype.bytes(), 1);
        float[] b = randomFloats(7, 2);
        try (SafetensorsWriter w = new SafetensorsWriter(p, plan, Map.of("format", "pt"))) {
            w.write("a", a);
            w.writeFloat32("b", b);
            w.writeFloat32("scalar", new float[] {0.25f});
        }
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.tensors().keySet()).containsExactly("a", "b", "scalar");
            assertThat(f.metadata()).containsEntry("format", "pt");
            assertThat(f.info("a").shape()).containsExactly(3, 5);
            assertThat(f.info("scalar").shape()).isEmpty();
            assertThat(f.raw("a")).isEqualTo(a.rewind());
            float[] expectedB = Float32Codec.decode(Float32Codec.encode(b, dtype), dtype);
            assertThat(f.readFloat32("b")).containsExactly(expectedB);
            assertThat(f.readFloat32("scalar")).containsExactly(0.25f);
        }
    }

    @Test
    void headerIsPaddedWithSpacesToEightBytes() throws IOException {
        Path p = tmp.resolve("pad.safetensors");
        try (SafetensorsWriter w = new SafetensorsWriter(p, List.of(new TensorSpec("x", DType.F16, new long[] {3})), Map.of())) {
            w.write("x", ByteBuffer.allocate(6));
        }
        byte[] bytes = Files.readAllBytes(p);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertThat(headerLength % 8).isZero();
        assertThat(bytes.length).isEqualTo(8 + headerLength + 6);
        String header = new String(bytes, 8, (int) headerLength, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(header).startsWith("{\"x\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]}}");
        assertThat(header).matches("\\{.*\\} *");
    }

    @Test
    void incompleteFileIsDeletedAndNeverPublished() {
        Path p = tmp.resolve("half.safetensors");
        List<TensorSpec> plan = List.of(new TensorSpec("a", DType.F32, new long[] {2}), new TensorSpec("b", DType.F32, new long[] {2}));
        SafetensorsWriter w = new SafetensorsWriter(p, plan, Map.of());
        w.writeFloat32("a", new float[] {1, 2});
        assertThatThrownBy(w::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only 1 of 2").hasMessageContaining("'b'");
        assertThat(tmp.toFile().list()).isEmpty();
    }

    @Test
    void tensorsOutOfPlanOrderOrOfWrongSizeAreRefused() {
        Path p = tmp.resolve("order.safetensors");
        List<TensorSpec> plan = List.of(new TensorSpec("a", DType.F32, new long[] {2}), new TensorSpec("b", DType.F32, new long[] {2}));
        try (SafetensorsWriter w = new SafetensorsWriter(p, plan, Map.of())) {
            assertThatThrownBy(() -> w.writeFloat32("b", new float[] {1, 2})).hasMessageContaining("expected tensor 'a' next");
            assertThatThrownBy(() -> w.writeFloat32("a", new float[] {1, 2, 3})).hasMessageContaining("needs 8 bytes but got 12");
            w.writeFloat32("a", new float[] {1, 2});
            w.writeFloat32("b", new float[] {3, 4});
            assertThatThrownBy(() -> w.writeFloat32("c", new float[] {1})).hasMessageContaining("already written");
        }
        assertThat(p).exists();
    }

    @Test
    void tensorWrittenInPartsEqualsTensorWrittenAtOnce() {
        Path p = tmp.resolve("parts.safetensors");
        ByteBuffer all = randomBytes(40, 3);
        List<TensorSpec> plan = List.of(new TensorSpec("a", DType.F32, new long[] {10}), new TensorSpec("b", DType.F32, new long[] {1}));
        try (SafetensorsWriter w = new SafetensorsWriter(p, plan, Map.of())) {
            assertThat(w.writePart("a", all.slice(0, 12))).isFalse();
            assertThatThrownBy(() -> w.write("a", all.slice(0, 40))).hasMessageContaining("after 12 written in parts");
            assertThatThrownBy(() -> w.writePart("a", all.slice(0, 40))).hasMessageContaining("needs 40 bytes but 52 were given");
            assertThat(w.writePart("a", all.slice(12, 28))).isTrue();
            w.writeFloat32("b", new float[] {7f});
        }
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.raw("a")).isEqualTo(all.rewind());
            assertThat(f.readFloat32("b")).containsExactly(7f);
        }
    }

    @Test
    void duplicatePlannedNamesAreRefused() {
        List<TensorSpec> plan = List.of(new TensorSpec("a", DType.F32, new long[] {1}), new TensorSpec("a", DType.F32, new long[] {1}));
        assertThatThrownBy(() -> new SafetensorsWriter(tmp.resolve("d.safetensors"), plan, Map.of()))
                .hasMessageContaining("'a' is reserved or planned twice");
    }
}
