package dev.longrecipe.model.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.hf.SafetensorsFile;

import java.nio.file.Path;
import java.util.List;

/** The transformers reference fixtures in the repository's test-fixtures/ (see their README). */
public final class Fixtures {
    public static final Path ROOT = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"));
    public static final List<String> MODELS = List.of("llama-default", "llama-linear4", "llama-tied-theta1m", "qwen2");
    /** For {@code @MethodSource}: a parameterised test run once per name in {@link #MODELS}. */
    public static final String EACH_MODEL = "dev.longrecipe.model.testing.Fixtures#models";

    private Fixtures() {
    }

    public static List<String> models() {
        return MODELS;
    }

    public static Path model(String name) {
        return ROOT.resolve("hf-reference").resolve(name);
    }

    public static SafetensorsFile reference(String name) {
        return SafetensorsFile.open(model(name).resolve("reference.safetensors"));
    }

    /** The KJV corpus (one verse per line, gzip), as the root pom passes it to tests. */
    public static Path kjv() {
        return Path.of(System.getProperty("longrecipe.kjv", "../demo/data/kjv.txt.gz"));
    }

    public static Path tokenizer() {
        return ROOT.resolve("tokenizer-bpe2048").resolve("tokenizer.json");
    }

    /** An int64 NDArray of the reference tensor {@code name} in its own shape. */
    public static NDArray int64(SafetensorsFile ref, String name, NDManager m) {
        return m.create(ref.readInt64(name), new Shape(ref.info(name).shape()));
    }

    /** ‖a − b‖ / ‖b‖ in double precision. */
    public static double relativeError(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            diff += d * d;
            norm += (double) b[i] * b[i];
        }
        return Math.sqrt(diff) / Math.sqrt(norm);
    }
}
