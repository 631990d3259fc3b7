package dev.longrecipe.hf;

import java.util.Arrays;

/**
 * One tensor entry of a safetensors header: name, dtype, shape and its byte range
 * {@code [begin, end)} relative to the start of the data section.
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tensor name must not be empty");
        }
        if (dtype == null) {
            throw new IllegalArgumentException("tensor '" + name + "' has no dtype");
        }
        shape = TensorSpec.checkedShape(name, shape);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("tensor '" + name + "' has invalid byte range [" + begin + ", " + end + ")");
        }
    }

    /** Number of elements (product of the shape; 1 for a scalar). */
    public long numel() {
        return TensorSpec.numel(name, shape);
    }

    /** Size of the tensor's data in bytes ({@code end - begin}). */
    public long byteSize() {
        return end - begin;
    }

    /** A copy of the shape (records expose arrays by reference otherwise). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The name, dtype and shape, without the byte range. */
    public TensorSpec spec() {
        return new TensorSpec(name, dtype, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.name.equals(name) && t.dtype == dtype
                && Arrays.equals(t.shape, shape) && t.begin == begin && t.end == end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
    }
}
