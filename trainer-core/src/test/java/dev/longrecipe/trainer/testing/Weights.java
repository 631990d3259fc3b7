package dev.longrecipe.trainer.testing;

import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.hf.SafetensorsWriter;
import dev.longrecipe.hf.TensorInfo;
import dev.longrecipe.hf.TensorSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers on safetensors weights. */
public final class Weights {
    private Weights() {
    }

    /** Copies a float32 safetensors file, setting one element of tensor {@code poisoned} to NaN. */
    public static void copyWithNaN(SafetensorsFile source, Path target, String poisoned) {
        List<TensorSpec> plan = new ArrayList<>();
        for (Map.Entry<String, TensorInfo> e : source.tensors().entrySet()) {
            plan.add(new TensorSpec(e.getKey(), DType.F32, e.getValue().shape()));
        }
        try (SafetensorsWriter w = new SafetensorsWriter(target, plan, Map.of("format", "pt"))) {
            for (TensorSpec t : plan) {
                float[] values = source.readFloat32(t.name());
                if (t.name().equals(poisoned)) {
                    values[values.length / 2] = Float.NaN;
                }
                w.writeFloat32(t.name(), values);
            }
        }
    }
}
