package dev.longrecipe.model.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.Fp16;
import dev.longrecipe.hf.SafetensorsWriter;
import dev.longrecipe.hf.TensorSpec;
import dev.longrecipe.model.config.Architecture;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.model.llama.LlamaLayout;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.llama.ParameterSpec;
import dev.longrecipe.model.plan.TrainingMemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Peak JVM heap and peak RSS of {@code LlamaModel.load} on one model folder, next to the size of the weights as
 * float32 and of the largest tensor. Run it with a small {@code -Xmx} to show the heap never holds the model.
 * {@code --make-f16 DIR [HIDDEN LAYERS]} first writes a random float16 Llama (default d 2048, 8 layers, vocab 32000:
 * about 1 GB), streaming one tensor at a time.
 *
 * <pre>model-core/bench-load.sh</pre>
 */
public final class LoadBenchmark {
    private LoadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("--make-f16")) {
            int hidden = args.length > 2 ? Integer.parseInt(args[2]) : 2048;
            int layers = args.length > 3 ? Integer.parseInt(args[3]) : 8;
            makeF16(Path.of(args[1]), hidden, layers);
            return;
        }
        Path dir = Path.of(args[0]);
        DataType storage = args.length > 1 && args[1].equals("float16") ? DataType.FLOAT16 : DataType.FLOAT32;
        long start = System.nanoTime();
        try (LlamaModel model = load(dir, storage)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            long rssAfterLoad = ProcessMemory.statusKb("RssAnon");
            double scoreMs = scoreMillis(model);
            long params = TrainingMemory.parameterCount(model.config());
            long largest = model.parameterSpecs().stream().mapToLong(ParameterSpec::numel).max().orElse(0);
            System.out.printf("load=%s dtype=%s storage=%s params=%d float32_mb=%d largest_tensor_mb=%d peak_heap_mb=%d"
                            + " max_heap_mb=%d peak_rss_mb=%d rss_anon_after_load_mb=%d seconds=%.1f"
                            + " score_256_tokens_ms=%.0f%n", dir.getFileName(), model.sourceDtype(), storage,
                    params, params * 4 >> 20, largest * 4 >> 20, ProcessMemory.peakHeapBytes() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, ProcessMemory.statusKb("VmHWM") / 1024, rssAfterLoad / 1024, seconds,
                    scoreMs);
        }
    }

    /**
     * Float32 through {@code load(Path, Device)}, which every revision has, so bench-load.sh can measure older code
     * with this harness; float16 storage through the newer overload, found at run time.
     */
    private static LlamaModel load(Path dir, DataType storage) {
        if (storage == DataType.FLOAT32) {
            return LlamaModel.load(dir, Device.cpu());
        }
        try {
            return (LlamaModel) LlamaModel.class.getMethod("load", Path.class, Device.class, DataType.class)
                    .invoke(null, dir, Device.cpu(), storage);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this revision cannot store weights as " + storage + ": " + e, e);
        }
    }

    /** Milliseconds of one scoring pass over 256 tokens (the second of two). */
    private static double scoreMillis(LlamaModel model) {
        int t = 256;
        long[] ids = new long[t];
        long[] pos = new long[t];
        for (int i = 0; i < t; i++) {
            ids[i] = (i * 31L + 7) % model.config().vocabSize();
            pos[i] = i;
        }
        double ms = 0;
        for (int pass = 0; pass < 2; pass++) {
            try (NDManager m = model.manager().newSubManager()) {
                long start = System.nanoTime();
                model.score(m.create(ids, new Shape(1, t)), m.create(pos, new Shape(1, t)));
                ms = (System.nanoTime() - start) / 1e6;
            }
        }
        return ms;
    }

    /** A random Llama in float16 (d, layers; heads of 128, 4 query heads per key/value head), tensor by tensor. */
    static void makeF16(Path dir, int hidden, int layers) throws IOException {
        int heads = hidden / 128;
        ModelConfig c = new ModelConfig(Architecture.LLAMA, 32000, hidden, hidden * 11 / 4, layers, heads,
                Math.max(1, heads / 4), 128, 1e-5, 4096, false, false, false, false, null,
                RopeParameters.defaultRope(10000));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), c.toJson().toPrettyString());
        List<TensorSpec> plan = new ArrayList<>();
        for (ParameterSpec p : LlamaLayout.parameters(c)) {
            plan.add(new TensorSpec(p.name(), DType.F16, p.shape()));
        }
        Random rng = new Random(1);
        try (SafetensorsWriter writer = new SafetensorsWriter(dir.resolve("model.safetensors"), plan,
                Map.of("format", "pt"))) {
            for (ParameterSpec p : LlamaLayout.parameters(c)) {
                int n = Math.toIntExact(p.numel());
                ByteBuffer data = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
                boolean norm = p.name().endsWith("norm.weight");
                for (int i = 0; i < n; i++) {
                    data.putShort(Fp16.fromFloat(norm ? 1f : (float) (rng.nextGaussian() * 0.02)));
                }
                writer.write(p.name(), data.flip());
            }
        }
    }
}
