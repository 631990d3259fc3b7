package dev.longrecipe.merger;

import java.util.List;
import java.util.Map;

/**
 * One tensor to merge: the base model's values, the listed input models' values and every parameter resolved for
 * this tensor.
 *
 * @param name   the tensor's name (e.g. {@code model.layers.3.mlp.up_proj.weight})
 * @param base   the base model's values (the reference of task-vector methods)
 * @param inputs the listed models' values, in the order the spec lists them
 * @param params the parameters resolved for this tensor
 * @param seed   a seed of this tensor alone (run seed and tensor name), for methods that draw random masks
 */
public record TensorMerge(String name, float[] base, List<float[]> inputs, Parameters params, long seed) {

    /** Resolved values: the method's, and one map per listed input (same order as {@code inputs}). */
    public record Parameters(Map<String, Double> method, List<String> inputNames, List<Map<String, Double>> inputs) {
        public Parameters {
            method = Map.copyOf(method);
            inputNames = List.copyOf(inputNames);
            inputs = inputs.stream().map(Map::copyOf).toList();
        }

        public double get(String name) {
            return method.get(name);
        }

        public double of(int input, String name) {
            return inputs.get(input).get(name);
        }
    }

    public double param(String name) {
        return params.get(name);
    }

    public double inputParam(int input, String name) {
        return params.of(input, name);
    }
}
