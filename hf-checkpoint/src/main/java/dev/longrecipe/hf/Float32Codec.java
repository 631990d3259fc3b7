package dev.longrecipe.hf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes little-endian F32/F16/BF16 bytes to {@code float[]} and encodes back, in Java (no DJL: it aborts on BF16). */
public final class Float32Codec {

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
        switch (dtype) {
            case F32 -> le.asFloatBuffer().get(out, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Fp16.toFloat(le.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Bf16.toFloat(le.getShort(2 * i));
                }
            }
            default -> throw new AssertionError(dtype);
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
        switch (dtype) {
            case F32 -> out.asFloatBuffer().put(values, 0, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out.putShort(2 * i, Fp16.fromFloat(values[i]));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out.putShort(2 * i, Bf16.fromFloat(values[i]));
                }
            }
            default -> throw new AssertionError(dtype);
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
