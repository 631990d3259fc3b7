package dev.longrecipe.trainer.bench;

import ai.djl.Device;
import dev.longrecipe.model.bench.ProcessMemory;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.train.AdamW;
import dev.longrecipe.model.train.AdamWSettings;
import dev.longrecipe.trainer.checkpoint.CheckpointFiles;
import dev.longrecipe.trainer.checkpoint.CheckpointMeta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of resuming training from a step checkpoint the way the trainer does: the training model built from
 * the model folder, its AdamW, then {@code CheckpointFiles.restore}. {@code --write MODEL CKPT} first writes a step
 * checkpoint of MODEL (float32 master weights and AdamW moments); {@code MODEL CKPT} measures the resume.
 *
 * <pre>trainer-core/bench-resume.sh [REV]</pre>
 */
public final class ResumeBenchmark {
    private ResumeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        boolean write = args[0].equals("--write");
        Path model = Path.of(args[write ? 1 : 0]);
        Path checkpoint = Path.of(args[write ? 2 : 1]);
        try (LlamaModel m = LlamaModel.load(model, Device.cpu());
             AdamW adamw = new AdamW(m, AdamWSettings.withWeightDecay(0.0))) {
            if (write) {
                CheckpointFiles.write(checkpoint, m, adamw, new CheckpointMeta("extension", false, 1, 2, 0, 0, 1,
                        "bench", "{}", m.config().rope().theta(), m.config().maxPositionEmbeddings()));
                return;
            }
            long beforeRestore = ProcessMemory.statusKb("RssAnon");
            long start = System.nanoTime();
            CheckpointFiles.restore(checkpoint, m, adamw);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("resume=%s params_mb_float32=%d rss_anon_model_and_adamw_mb=%d peak_rss_mb=%d"
                            + " rss_anon_after_mb=%d peak_heap_mb=%d seconds=%.1f%n", model.getFileName(),
                    m.parameters().values().stream().mapToLong(p -> p.getShape().size()).sum() * 4 >> 20,
                    beforeRestore / 1024, ProcessMemory.statusKb("VmHWM") / 1024,
                    ProcessMemory.statusKb("RssAnon") / 1024, ProcessMemory.peakHeapBytes() >> 20, seconds);
        }
    }
}
