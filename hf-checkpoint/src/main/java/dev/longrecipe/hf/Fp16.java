package dev.longrecipe.hf;

/** IEEE 754 half precision (binary16) conversions; float → half rounds to nearest, ties to even. */
public final class Fp16 {

    private Fp16() {
    }

    /** Decodes half-precision bits (low 16 bits of {@code half}) to a float; exact. */
    public static float toFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) { // infinity or NaN (payload kept)
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) { // zero or subnormal: mant × 2^-24, exact in float
            float magnitude = mant * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Encodes a float as half-precision bits, rounding to nearest even; overflow gives ±infinity, NaN stays NaN. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFFFFFF;
        if (abs >= 0x7F800000) { // infinity or NaN; a NaN keeps a quiet bit so it cannot become infinity
            int nan = abs > 0x7F800000 ? 0x0200 | ((abs >>> 13) & 0x3FF) : 0;
            return (short) (sign | 0x7C00 | nan);
        }
        if (abs >= 0x477FF000) { // ≥ 65520 rounds past the largest half (65504)
            return (short) (sign | 0x7C00);
        }
        if (abs >= 0x38800000) { // normal half: rebias exponent 127 → 15, drop 13 mantissa bits
            int rebased = abs - 0x38000000;
            int rounded = rebased + 0x0FFF + ((rebased >>> 13) & 1);
            return (short) (sign | (rounded >>> 13));
        }
        if (abs <= 0x33000000) { // ≤ 2^-25: rounds to zero (2^-25 is a tie, even is zero)
            return (short) sign;
        }
        // subnormal half: value = m_h × 2^-24
        int exp = abs >>> 23;
        int mant = (abs & 0x7FFFFF) | 0x800000;
        int shift = 126 - exp; // 14..24
        int halfMant = mant >>> shift;
        int rest = mant & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (halfMant & 1) == 1)) {
            halfMant++;
        }
        return (short) (sign | halfMant);
    }
}
