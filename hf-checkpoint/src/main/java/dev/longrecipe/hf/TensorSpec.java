package dev.longrecipe.hf;

import java.util.Arrays;

/** A tensor planned for writing: name, dtype and shape (its bytes follow from these). */
public record TensorSpec(String name, DType dtype, long[] shape) {

    public TensorSpec {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tensor name must not be empty");
        }
        if (dtype == null) {
            throw new IllegalArgumentException("tensor '" + name + "' has no dtype");
        }
        shape = checkedShape(name, shape);
        byteSize(name, dtype, shape); // fails early on overflow
    }

    /** Number of elements (product of the shape; 1 for a scalar). */
    public long numel() {
        return numel(name, shape);
    }

    /** Bytes the tensor occupies: numel × dtype size. */
    public long byteSize() {
        return byteSize(name, dtype, shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }

    static long[] checkedShape(String name, long[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException("tensor '" + name + "' has no shape");
        }
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension in shape " + Arrays.toString(shape));
            }
        }
        return shape.clone();
    }

    static long numel(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("tensor '" + name + "' shape " + Arrays.toString(shape) + " overflows 64-bit element count");
            }
        }
        return n;
    }

    static long byteSize(String name, DType dtype, long[] shape) {
        try {
            return Math.multiplyExact(numel(name, shape), (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tensor '" + name + "' shape " + Arrays.toString(shape) + " overflows 64-bit byte size");
        }
    }
}
