package dev.longrecipe.hf;

/** bfloat16 conversions (the top 16 bits of a float); float → bf16 rounds to nearest, ties to even. */
public final class Bf16 {

    private Bf16() {
    }

    /** Decodes bfloat16 bits to a float; exact. */
    public static float toFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xFFFF) << 16);
    }

    /** Encodes a float as bfloat16 bits, rounding to nearest even; NaN stays a (quiet) NaN. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7FFFFFFF) > 0x7F800000) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }
}
