package dev.longrecipe.merger;

import dev.longrecipe.schema.ProgressListener;

import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.Float32Codec;
import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.hf.ShardedModelWriter;
import dev.longrecipe.hf.TensorInfo;
import dev.longrecipe.hf.TensorSpec;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Merges Hugging Face models of the same architecture into a new folder, streaming tensor by tensor (large tensors
 * in slices for element-wise methods): memory stays near one tensor per model read. The output keeps the input
 * dtype, is sharded like the {@link MergePlan#configSource() config source} (the first listed model other than the
 * base: replay by default) and carries its config.json and tokenizer files, so it keeps the extended RoPE settings.
 * It is written to a hidden sibling folder and renamed at the end: on any failure {@code outDir} does not exist.
 */
public final class ModelMerger {

    /** Elements per slice when streaming element-wise merges (16 MB of floats per input). */
    static final int DEFAULT_SLICE_ELEMENTS = 1 << 22;

    private final int sliceElements;

    /** A merger that streams element-wise methods in slices of 4M elements. */
    public ModelMerger() {
        this(DEFAULT_SLICE_ELEMENTS);
    }

    /** A merger with a chosen slice size (tests use small slices to exercise slicing on tiny models). */
    ModelMerger(int sliceElements) {
        if (sliceElements <= 0) {
            throw new IllegalArgumentException("sliceElements must be positive, got " + sliceElements);
        }
        this.sliceElements = sliceElements;
    }

    /**
     * Merges the folders in {@code models} (by the spec's names: base, extended, replay) as {@code plan} says; the
     * folders {@link MergePlan#modelsRead()} names must be present.
     */
    public MergeSummary merge(Map<String, Path> models, Path outDir, MergePlan plan, ProgressListener progress) {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        for (String name : plan.modelsRead()) {
            if (!models.containsKey(name)) {
                throw new IllegalArgumentException("method '" + plan.method().name() + "' reads the " + name
                        + " model, and none was given" + (name.equals("base")
                        ? "; it adds the other models' differences from a base model, so give one" : ""));
            }
        }
        if (Files.exists(outDir)) {
            throw new IllegalArgumentException(outDir + " already exists; choose a new output folder or delete the old one");
        }
        long start = System.nanoTime();
        Map<String, HfModelFolder> open = new LinkedHashMap<>();
        try {
            for (String name : plan.modelsRead()) {
                open.put(name, HfModelFolder.open(models.get(name)));
            }
            HfModelFolder source = open.get(plan.configSource());
            for (HfModelFolder folder : open.values()) {
                if (folder != source) {
                    ModelCompatibility.check(folder, source);
                }
            }
            if (!Files.isRegularFile(source.configFile())) {
                throw new IllegalArgumentException(source.path() + " has no config.json; the merged model takes its"
                        + " config from this model");
            }
            List<TensorSpec> layout = source.tensorNames().stream().map(n -> source.info(n).spec()).toList();
            int layers = LayerDepth.layerCount(source.tensorNames());
            long maxShard = source.shardCount() > 1 ? source.largestShardBytes() : Long.MAX_VALUE;
            long total = source.totalBytes();
            long done = 0;
            long parameters = 0;
            ShardedModelWriter out = new ShardedModelWriter(outDir, layout, maxShard);
            try {
                out.addFile(source.configFile());
                source.auxiliaryFiles().forEach(out::addFile);
                for (String name : source.tensorNames()) {
                    TensorInfo info = source.info(name);
                    mergeTensor(name, info, open, plan, LayerDepth.of(name, layers), out);
                    done += info.byteSize();
                    parameters += info.numel();
                    listener.report(total == 0 ? 1 : (double) done / total, "merged " + name);
                }
                out.close();
            } catch (RuntimeException e) {
                out.abort();
                throw e;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new MergeSummary(layout.size(), parameters, total, seconds, plan.method().name(),
                    plan.forTensor("", 0).method());
        } finally {
            open.values().forEach(HfModelFolder::close);
        }
    }

    private void mergeTensor(String name, TensorInfo info, Map<String, HfModelFolder> open, MergePlan plan,
                             double depth, ShardedModelWriter out) {
        TensorMerge.Parameters params = plan.forTensor(name, depth);
        long seed = new SplittableRandom(plan.seed() ^ name.hashCode()).nextLong();
        DType dtype = info.dtype();
        List<String> inputs = plan.inputs();
        boolean withBase = plan.method().subtractsBase();
        long numel = info.numel();
        if (!plan.method().elementwise() || numel <= sliceElements) {
            float[] base = withBase ? Float32Codec.decode(open.get("base").raw(name), dtype) : null;
            List<float[]> values = inputs.stream().map(m -> Float32Codec.decode(open.get(m).raw(name), dtype)).toList();
            out.writeFloat32(name, checkedMerge(plan.method(), new TensorMerge(name,
                    base != null ? base : values.get(0), values, params, seed)));
            return;
        }
        int bytes = dtype.bytes();
        ByteBuffer encoded = ByteBuffer.allocate(sliceElements * bytes);
        for (long from = 0; from < numel; from += sliceElements) {
            int n = (int) Math.min(sliceElements, numel - from);
            int offset = Math.toIntExact(from * bytes);
            float[] base = withBase ? slice(open.get("base"), name, dtype, offset, n) : null;
            List<float[]> values = inputs.stream().map(m -> slice(open.get(m), name, dtype, offset, n)).toList();
            float[] merged = checkedMerge(plan.method(), new TensorMerge(name, base != null ? base : values.get(0),
                    values, params, seed));
            Float32Codec.encodeInto(merged, n, dtype, encoded);
            out.writePart(name, encoded);
        }
    }

    private static float[] slice(HfModelFolder model, String name, DType dtype, int offset, int n) {
        float[] values = new float[n];
        Float32Codec.decodeInto(model.raw(name).slice(offset, n * dtype.bytes()), dtype, values);
        return values;
    }

    private static float[] checkedMerge(MergeMethod method, TensorMerge tensor) {
        float[] merged = method.merge(tensor);
        int length = tensor.inputs().get(0).length;
        if (merged == null || merged.length != length) {
            throw new IllegalStateException("merge method '" + method.name() + "' returned " + (merged == null ? "null"
                    : merged.length + " values") + " for tensor '" + tensor.name() + "' of " + length + " elements");
        }
        return merged;
    }
}
