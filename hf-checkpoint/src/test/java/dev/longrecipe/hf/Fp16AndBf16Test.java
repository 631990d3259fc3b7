package dev.longrecipe.hf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Fp16AndBf16Test {

    @Test
    void halfEncodesKnownValues() {
        assertThat(Fp16.fromFloat(1f)).isEqualTo((short) 0x3C00);
        assertThat(Fp16.fromFloat(-2f)).isEqualTo((short) 0xC000);
        assertThat(Fp16.fromFloat(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(Fp16.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(Fp16.fromFloat(0.1f)).isEqualTo((short) 0x2E66);
        assertThat(Fp16.fromFloat(-0f)).isEqualTo((short) 0x8000);
        assertThat(Fp16.fromFloat(1e6f)).isEqualTo((short) 0x7C00);
        assertThat(Fp16.fromFloat(65520f)).isEqualTo((short) 0x7C00);
        assertThat(Fp16.fromFloat(65519.99f)).isEqualTo((short) 0x7BFF);
        assertThat(Fp16.fromFloat(0x1p-25f)).isEqualTo((short) 0);
        assertThat(Float.isNaN(Fp16.toFloat(Fp16.fromFloat(Float.NaN)))).isTrue();
    }

    @Test
    void everyHalfValueRoundTripsExactly() {
        for (int h = 0; h <= 0xFFFF; h++) {
            float f = Fp16.toFloat((short) h);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(Fp16.toFloat(Fp16.fromFloat(f)))).isTrue();
            } else {
                assertThat(Fp16.fromFloat(f) & 0xFFFF).as("half 0x%04x", h).isEqualTo(h);
            }
        }
    }

    @Test
    void halfRoundsTiesToEvenAndOtherwiseToNearest() {
        for (int h = 0; h < 0x7BFF; h++) { // every pair of adjacent finite positive halves
            float lo = Fp16.toFloat((short) h);
            float hi = Fp16.toFloat((short) (h + 1));
            float mid = (lo + hi) / 2; // exact in float
            int even = (h & 1) == 0 ? h : h + 1;
            assertThat(Fp16.fromFloat(mid) & 0xFFFF).as("tie above 0x%04x", h).isEqualTo(even);
            assertThat(Fp16.fromFloat(Math.nextDown(mid)) & 0xFFFF).isEqualTo(h);
            assertThat(Fp16.fromFloat(Math.nextUp(mid)) & 0xFFFF).isEqualTo(h + 1);
            assertThat(Fp16.fromFloat(-mid) & 0xFFFF).isEqualTo(even | 0x8000);
        }
    }

    @Test
    void bfloat16RoundsTiesToEvenAndDecodesExactly() {
        assertThat(Bf16.fromFloat(1f)).isEqualTo((short) 0x3F80);
        assertThat(Bf16.toFloat((short) 0xC040)).isEqualTo(-3f);
        assertThat(Bf16.fromFloat(Float.MAX_VALUE)).isEqualTo((short) 0x7F80); // rounds up to infinity
        assertThat(Float.isNaN(Bf16.toFloat(Bf16.fromFloat(Float.NaN)))).isTrue();
        assertThat(Float.isNaN(Bf16.toFloat(Bf16.fromFloat(Float.intBitsToFloat(0x7F800001))))).isTrue();
        for (int b = 0; b < 0x7F7F; b++) {
            float lo = Bf16.toFloat((short) b);
            assertThat(Bf16.fromFloat(lo) & 0xFFFF).isEqualTo(b);
            float mid = Float.intBitsToFloat((b << 16) | 0x8000);
            int even = (b & 1) == 0 ? b : b + 1;
            assertThat(Bf16.fromFloat(mid) & 0xFFFF).isEqualTo(even);
            assertThat(Bf16.fromFloat(Math.nextUp(mid)) & 0xFFFF).isEqualTo(b + 1);
            assertThat(Bf16.fromFloat(Math.nextDown(mid)) & 0xFFFF).isEqualTo(b);
        }
    }

    @Test
    void bulkCodecMatchesScalarConversionsAcrossBlocks() {
        float[] values = SafetensorsWriterTest.randomFloats(20_001, 9); // spans several 8192-element blocks
        java.nio.ByteBuffer half = Float32Codec.encode(values, DType.F16);
        java.nio.ByteBuffer bf = Float32Codec.encode(values, DType.BF16);
        float[] halfBack = Float32Codec.decode(half, DType.F16);
        float[] bfBack = Float32Codec.decode(bf, DType.BF16);
        for (int i = 0; i < values.length; i++) {
            assertThat(half.order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(2 * i)).isEqualTo(Fp16.fromFloat(values[i]));
            assertThat(bf.order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(2 * i)).isEqualTo(Bf16.fromFloat(values[i]));
            assertThat(halfBack[i]).isEqualTo(Fp16.toFloat(Fp16.fromFloat(values[i])));
            assertThat(bfBack[i]).isEqualTo(Bf16.toFloat(Bf16.fromFloat(values[i])));
        }
        assertThat(Float32Codec.decode(Float32Codec.encode(values, DType.F32), DType.F32)).containsExactly(values);
    }
}
