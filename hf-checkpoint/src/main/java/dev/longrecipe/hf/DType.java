package dev.longrecipe.hf;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Element types of the safetensors format, named exactly as in its header ({@code "F32"}, {@code "BF16"} …). */
public enum DType {
    F32(4), F16(2), BF16(2), F64(8), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** True for the floating-point types this project computes with (F32, F16, BF16). */
    public boolean isFloat32Decodable() {
        return this == F32 || this == F16 || this == BF16;
    }

    /**
     * Parses a safetensors dtype name.
     *
     * @throws IllegalArgumentException naming the valid names when {@code safetensorsName} is not one
     */
    public static DType parse(String safetensorsName) {
        for (DType t : values()) {
            if (t.name().equals(safetensorsName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown safetensors dtype '" + safetensorsName + "'; valid dtypes are "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
