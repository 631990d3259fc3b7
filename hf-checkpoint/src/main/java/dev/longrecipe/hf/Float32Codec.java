package dev.longrecipe.hf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/** Decodes little-endian F32/F16/BF16 bytes to {@code float[]} and encodes back, in Java (no DJL: it aborts on BF16). */
public final class Float32Codec {

    /** Elements converted per bulk copy. */
    private static final int BLOCK = 8192;
    /** Every half-precision bit pattern decoded once (256 KiB). */
    private static final float[] HALF_TO_FLOAT = new float[1 << 16];

    static {
        for (int h = 0; h < HALF_TO_FLOAT.length; h++) {
            HALF_TO_FLOAT[h] = Fp16.toFloat((short) h);
        }
    }

    private Float32Codec() {
    }

    /** Decodes all of {@code data} (little-endian, from its position to its limit) as {@code dtype} to floats. */
    public static float[] decode(ByteBuffer data, DType dtype) {
        requireFloat(dtype);
        float[] out = new float[elementCount(data.remaining(), dtype)];
        decodeInto(data, dtype, out);
        return out;
    }

    /** Decodes all of {@code data} as {@code dtype} into {@code out[0..n)}; returns n. {@code out} must be large enough. */
    public static int decodeInto(ByteBuffer data, DType dtype, float[] out) {
        requireFloat(dtype);
        ByteBuffer le = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = elementCount(le.remaining(), dtype);
        if (dtype == DType.F32) {
            le.asFloatBuffer().get(out, 0, n);
            return n;
        }
        // 16-bit types: bulk-copy blocks of raw shorts, then convert (F16 through a 65,536-entry table)
        ShortBuffer shorts = le.asShortBuffer();
        short[] block = new short[Math.min(n, BLOCK)];
        for (int from = 0; from < n; from += BLOCK) {
            int k = Math.min(BLOCK, n - from);
            shorts.get(block, 0, k);
            if (dtype == DType.F16) {
                for (int j = 0; j < k; j++) {
                    out[from + j] = HALF_TO_FLOAT[block[j] & 0xFFFF];
                }
            } else {
                for (int j = 0; j < k; j++) {
                    out[from + j] = Float.intBitsToFloat(block[j] << 16);
                }
            }
        }
        return n;
    }

    /** Encodes floats as {@code dtype} (F16/BF16 round to nearest even) into a new little-endian buffer, ready to read. */
    public static ByteBuffer encode(float[] values, DType dtype) {
        requireFloat(dtype);
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(values.length, dtype.bytes()));
        encodeInto(values, values.length, dtype, out);
        return out;
    }

    /** Encodes {@code values[0..count)} into {@code out} from index 0, sets its limit to the bytes written and position to 0. */
    public static void encodeInto(float[] values, int count, DType dtype, ByteBuffer out) {
        requireFloat(dtype);
        out.order(ByteOrder.LITTLE_ENDIAN).clear();
        if (dtype == DType.F32) {
            out.asFloatBuffer().put(values, 0, count);
        } else {
            ShortBuffer shorts = out.asShortBuffer();
            short[] block = new short[Math.min(count, BLOCK)];
            for (int from = 0; from < count; from += BLOCK) {
                int k = Math.min(BLOCK, count - from);
                if (dtype == DType.F16) {
                    for (int j = 0; j < k; j++) {
                        block[j] = Fp16.fromFloat(values[from + j]);
                    }
                } else {
                    for (int j = 0; j < k; j++) {
                        block[j] = Bf16.fromFloat(values[from + j]);
                    }
                }
                shorts.put(block, 0, k);
            }
        }
        out.limit(count * dtype.bytes());
    }

    private static void requireFloat(DType dtype) {
        if (!dtype.isFloat32Decodable()) {
            throw new IllegalArgumentException("dtype " + dtype + " is not a floating-point type this project decodes; expected F32, F16 or BF16");
        }
    }

    private static int elementCount(int bytes, DType dtype) {
        if (bytes % dtype.bytes() != 0) {
            throw new IllegalArgumentException(bytes + " bytes is not a whole number of " + dtype + " elements");
        }
        return bytes / dtype.bytes();
    }
}
