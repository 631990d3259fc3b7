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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Merges two Hugging Face models of the same architecture into a new folder, streaming tensor by tensor (large tensors
 * in slices for element-wise methods). The output keeps the input dtype, is sharded like the {@code other}
 * (extended/replay) model and carries its config.json and tokenizer files, so it keeps the extended RoPE settings.
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

    /** Merges with the registered method {@code method}; {@code params} override its defaults. */
    public MergeSummary merge(Path baseDir, Path otherDir, Path outDir, String method, Map<String, Double> params,
                              ProgressListener progress) {
        return merge(baseDir, otherDir, outDir, MergeMethods.byName(method), params, progress);
    }

    /** Merges with a given method instance (the registry form above is what services use). */
    public MergeSummary merge(Path baseDir, Path otherDir, Path outDir, MergeMethod method, Map<String, Double> params,
                              ProgressListener progress) {
        Map<String, Double> resolved = MergeMethods.resolveParameters(method, params);
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        if (Files.exists(outDir)) {
            throw new IllegalArgumentException(outDir + " already exists; choose a new output folder or delete the old one");
        }
        long start = System.nanoTime();
        try (HfModelFolder base = HfModelFolder.open(baseDir); HfModelFolder other = HfModelFolder.open(otherDir)) {
            ModelCompatibility.check(base, other);
            if (!Files.isRegularFile(other.configFile())) {
                throw new IllegalArgumentException(otherDir + " has no config.json; the merged model takes its config from this model");
            }
            List<TensorSpec> plan = other.tensorNames().stream().map(n -> other.info(n).spec()).toList();
            long maxShard = other.shardCount() > 1 ? other.largestShardBytes() : Long.MAX_VALUE;
            long total = other.totalBytes();
            long done = 0;
            long parameters = 0;
            ShardedModelWriter out = new ShardedModelWriter(outDir, plan, maxShard);
            try {
                out.addFile(other.configFile());
                other.auxiliaryFiles().forEach(out::addFile);
                for (String name : other.tensorNames()) {
                    TensorInfo info = other.info(name);
                    mergeTensor(name, info.dtype(), base, other, out, method, resolved);
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
            return new MergeSummary(plan.size(), parameters, total, seconds, method.name(), resolved);
        }
    }

    private void mergeTensor(String name, DType dtype, HfModelFolder base, HfModelFolder other,
                                    ShardedModelWriter out, MergeMethod method, Map<String, Double> params) {
        ByteBuffer a = base.raw(name);
        ByteBuffer b = other.raw(name);
        long numel = other.info(name).numel();
        if (!method.elementwise() || numel <= sliceElements) {
            float[] merged = checkedMerge(name, method, Float32Codec.decode(a, dtype), Float32Codec.decode(b, dtype), params);
            out.writeFloat32(name, merged);
            return;
        }
        int bytes = dtype.bytes();
        float[] sliceA = new float[sliceElements];
        float[] sliceB = new float[sliceElements];
        ByteBuffer encoded = ByteBuffer.allocate(sliceElements * bytes);
        for (long from = 0; from < numel; from += sliceElements) {
            int n = (int) Math.min(sliceElements, numel - from);
            int offset = Math.toIntExact(from * bytes);
            Float32Codec.decodeInto(a.slice(offset, n * bytes), dtype, sliceA);
            Float32Codec.decodeInto(b.slice(offset, n * bytes), dtype, sliceB);
            float[] merged = n == sliceElements
                    ? checkedMerge(name, method, sliceA, sliceB, params)
                    : checkedMerge(name, method, Arrays.copyOf(sliceA, n), Arrays.copyOf(sliceB, n), params);
            Float32Codec.encodeInto(merged, n, dtype, encoded);
            out.writePart(name, encoded);
        }
    }

    private static float[] checkedMerge(String name, MergeMethod method, float[] a, float[] b, Map<String, Double> params) {
        float[] merged = method.merge(a, b, params);
        if (merged == null || merged.length != a.length) {
            throw new IllegalStateException("merge method '" + method.name() + "' returned " + (merged == null ? "null" : merged.length + " values")
                    + " for tensor '" + name + "' of " + a.length + " elements");
        }
        return merged;
    }
}
