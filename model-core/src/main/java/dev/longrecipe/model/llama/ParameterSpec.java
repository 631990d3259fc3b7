package dev.longrecipe.model.llama;

import java.util.Arrays;

/**
 * One learnable tensor of the model: its Hugging Face name and shape, and how it is treated by training.
 *
 * @param decays whether AdamW's decoupled weight decay applies (matrices and embeddings; not norms or biases)
 */
public record ParameterSpec(String name, long[] shape, boolean decays) {
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSpec p && p.name.equals(name) && Arrays.equals(p.shape, shape)
                && p.decays == decays;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
