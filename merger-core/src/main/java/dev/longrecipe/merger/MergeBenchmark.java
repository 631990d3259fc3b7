package dev.longrecipe.merger;

import dev.longrecipe.files.FileTrees;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.schema.spec.MergerParams;

import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.hf.ShardedModelWriter;
import dev.longrecipe.hf.TensorSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmark (not a test): generates an F16 model pair of a given size, then times {@code cat files > /dev/null} (page
 * cache dropped, then warm) against a merge of the same files by every registered method (warm), with the peak heap
 * each merge reached, and writing the output's size with {@code dd conv=fsync} as the floor for the write side.
 * Usage: {@code MergeBenchmark <work dir> [GB per model, default 2] [--keep]}.
 */
public final class MergeBenchmark {

    /** Each method on the generated pair (base and replay), with the parameters a user would start from. */
    private static final Map<String, String> METHODS = methods();

    private static final long SIDE = 4096; // tensors of [4096, 4096] F16 = 32 MiB
    private static final long MAX_SHARD_BYTES = 512L << 20;

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: MergeBenchmark <work dir> [GB per model, default 2] [--keep]");
            System.exit(2);
        }
        Path work = Path.of(args[0]).toAbsolutePath();
        double gigabytes = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        boolean keep = List.of(args).contains("--keep");
        Files.createDirectories(work);
        Path base = work.resolve("bench-base");
        Path other = work.resolve("bench-replay");
        Path out = work.resolve("bench-merged");
        try {
            List<TensorSpec> plan = plan(gigabytes);
            long t0 = System.nanoTime();
            generate(base, plan, 1);
            generate(other, plan, 2);
            System.out.printf("generated 2 x %.2f GB F16 models (%d tensors of [%d, %d], shards of %d MiB) in %.1f s%n",
                    plan.size() * SIDE * SIDE * 2 / 1e9, plan.size(), SIDE, SIDE, MAX_SHARD_BYTES >> 20, (System.nanoTime() - t0) / 1e9);
            List<Path> inputs = new ArrayList<>(weightFiles(base));
            inputs.addAll(weightFiles(other));
            long inputBytes = 0;
            for (Path p : inputs) {
                inputBytes += Files.size(p);
            }
            System.out.printf("%-24s %10s %10s %12s %14s%n", "what", "seconds", "input MB/s", "output MB/s",
                    "peak heap MB");
            for (String cache : List.of("cold", "hot")) {
                if (cache.equals("cold")) {
                    dropCache(inputs);
                }
                double cat = run("cat " + quoted(inputs) + " > /dev/null");
                System.out.printf("%-24s %10.2f %10.0f %12s %14s%n", "cat inputs (" + cache + ")", cat,
                        inputBytes / 1e6 / cat, "-", "-");
            }
            Map<String, Path> models = Map.of("base", base, "replay", other);
            for (Map.Entry<String, String> method : METHODS.entrySet()) {
                MergePlan recipe = MergePlan.of(Json.YAML.readValue(method.getValue(), MergerParams.class), 42);
                HeapPeak peak = HeapPeak.start();
                MergeSummary s = new ModelMerger().merge(models, out, recipe, ProgressListener.NONE);
                long peakBytes = peak.stop();
                System.out.printf("%-24s %10.2f %10.0f %12.0f %14.0f%n", method.getKey() + " (hot)", s.seconds(),
                        inputBytes / 1e6 / s.seconds(), s.megabytesPerSecond(), peakBytes / 1e6);
                FileTrees.delete(out);
            }
            long outputMiB = Math.max(1, inputBytes / 2 >> 20);
            Path probe = work.resolve("bench-write-probe");
            double write = run("dd if=/dev/zero of='" + probe + "' bs=1M count=" + outputMiB + " conv=fsync status=none");
            Files.delete(probe);
            System.out.printf("%-24s %10.2f %10s %12.0f %14s%n", "dd write+fsync (floor)", write, "-",
                    (outputMiB << 20) / 1e6 / write, "-");
            System.out.printf("a merge decodes F16 -> float, combines, encodes and writes + fsyncs the output; cat only"
                    + " reads. One tensor is %.0f MB of floats per model; max heap (-Xmx) %.0f MB.%n",
                    SIDE * SIDE * 4 / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        } finally {
            if (!keep) {
                FileTrees.delete(base);
                FileTrees.delete(other);
                FileTrees.delete(out);
            }
        }
    }

    private static Map<String, String> methods() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("linear", "{method: linear, models: {base: {weight: 0.5}, replay: {weight: 0.5}}}");
        m.put("slerp", "{method: slerp, models: {base: {}, replay: {}}}");
        m.put("task_arithmetic", "{method: task_arithmetic, models: {replay: {weight: 0.5}}}");
        m.put("ties", "{method: ties, models: {replay: {weight: 1.0, density: 0.5}}}");
        m.put("dare_linear", "{method: dare_linear, models: {replay: {weight: 1.0, density: 0.5}}}");
        m.put("dare_ties", "{method: dare_ties, models: {replay: {weight: 1.0, density: 0.5}}}");
        return m;
    }

    /**
     * The heap a merge holds at its fullest: the heap in use sampled every 5 ms (garbage not yet collected included,
     * so it is an upper bound, and the JVM's -Xmx caps it; run with a small -Xmx for a tight figure).
     */
    private static final class HeapPeak {
        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static HeapPeak start() {
            System.gc();
            HeapPeak h = new HeapPeak();
            java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            h.thread = new Thread(() -> {
                while (h.running) {
                    h.peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            h.thread.setDaemon(true);
            h.thread.start();
            return h;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }
    }

    private static List<TensorSpec> plan(double gigabytes) {
        long tensorBytes = SIDE * SIDE * DType.F16.bytes();
        long count = Math.max(1, Math.round(gigabytes * 1e9 / tensorBytes));
        List<TensorSpec> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            plan.add(new TensorSpec("model.layers." + i + ".mlp.weight", DType.F16, new long[] {SIDE, SIDE}));
        }
        return plan;
    }

    /** Random F16 weights with |w| < 1 (exponent bits masked), never NaN or infinity. */
    private static void generate(Path dir, List<TensorSpec> plan, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer buffer = ByteBuffer.allocate((int) (SIDE * SIDE * 2)).order(ByteOrder.LITTLE_ENDIAN);
        try (ShardedModelWriter w = new ShardedModelWriter(dir, plan, MAX_SHARD_BYTES)) {
            w.addFile("config.json", "{\"model_type\":\"llama\",\"torch_dtype\":\"float16\"}".getBytes(StandardCharsets.UTF_8));
            for (TensorSpec t : plan) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    buffer.putLong(random.nextLong() & 0xBBFF_BBFF_BBFF_BBFFL);
                }
                w.write(t.name(), buffer.flip());
            }
        }
    }

    private static List<Path> weightFiles(Path dir) {
        try (HfModelFolder folder = HfModelFolder.open(dir)) {
            return folder.weightFiles();
        }
    }

    /** Asks the kernel to drop these files from the page cache (GNU dd, no root needed). */
    private static void dropCache(List<Path> files) throws IOException, InterruptedException {
        for (Path f : files) {
            run("dd if=" + quoted(List.of(f)) + " iflag=nocache count=0 status=none");
        }
    }

    private static double run(String shell) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", shell).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("'" + shell + "' failed with exit code " + p.exitValue());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String quoted(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            sb.append(" '").append(f.toString().replace("'", "'\\''")).append('\'');
        }
        return sb.toString().trim();
    }
}
