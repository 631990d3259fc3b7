package dev.longrecipe.cli.demo;

import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.segmenter.Segmenter;
import dev.longrecipe.segmenter.SegmenterResult;
import dev.longrecipe.segmenter.SettingsFromSpec;
import dev.longrecipe.trainer.CheckpointListener;
import dev.longrecipe.trainer.Trainer;
import dev.longrecipe.trainer.TrainerInputs;
import dev.longrecipe.trainer.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longrecipe make-base-model}: how the demo's base model was made, as a command anyone can re-run. A fresh
 * Llama ({@link RandomLlama}) is trained by this project's own stages at window L: the segmenter cuts the KJV
 * documents into contiguous L-token windows with positions 0…L−1 (method {@code flt} with L′ = L) and the
 * trainer's extension phase trains on them with L′ = L (the dynamic-NTK rule then leaves θ unchanged).
 */
@Command(name = "make-base-model", description = "Train the demo's small base model from scratch (KJV, window L).")
public final class MakeBaseModelCommand implements Callable<Integer> {
    @Option(names = "--out", description = "output Hugging Face folder (default: demo/base-model)")
    Path out;

    @Option(names = "--window", defaultValue = "256", description = "L, the window the model is trained at")
    int window;

    @Option(names = "--steps", defaultValue = "600", description = "optimizer steps")
    int steps;

    @Option(names = "--batch", defaultValue = "16", description = "samples (windows of L tokens) per step")
    int batch;

    @Option(names = "--hidden", defaultValue = "128")
    int hidden;

    @Option(names = "--layers", defaultValue = "4")
    int layers;

    @Option(names = "--seed", defaultValue = "7")
    long seed;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("longrecipe.home", ".")).toAbsolutePath();
        Path target = out != null ? out : home.resolve("demo/base-model");
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " exists; remove it or give --out");
        }
        Path work = home.resolve(".stack/make-base-model");
        Folders.deleteRecursively(work);
        long start = System.nanoTime();
        DemoCorpus.Corpora corpora = DemoCorpus.prepare(home.resolve("demo/data/kjv.txt.gz"), work.resolve("data"),
                8000, 1200);
        Path tokenizer = home.resolve("demo/data/tokenizer.json");
        Path init = new RandomLlama(hidden, layers, hidden / 32, hidden / 64, hidden * 3, window, 10000.0)
                .write(work.resolve("init"), tokenizer, 2048, 1, 2, seed);

        RunSpec spec = RunSpecs.parse(String.format(Locale.ROOT, """
                baseModel: %s
                corpus: %s
                method: flt
                seed: %d
                targetLength: %d
                trainer:
                  replayFraction: 0
                  checkpointEvery: 200
                  keepLast: 1
                  extension:
                    steps: %d
                    batchSize: %d
                    microBatchSize: %d
                    lr: 0.002
                    schedule: cosine
                    warmupSteps: %d
                    minLrRatio: 0.1
                    weightDecay: 0.1
                """, init, corpora.documents(), seed, window, steps, batch, batch, Math.min(30, steps / 10)));
        System.out.println("segmenting KJV into " + window + "-token windows …");
        SegmenterResult samples = new Segmenter().run(SettingsFromSpec.from(spec, window, "digits", List.of())
                .toBuilder().samplesPerDocument(0).build(), corpora.documents(), tokenizer,
                work.resolve("samples"), (f, m) -> { });
        System.out.printf("%d windows, %d tokens; training %d steps of %d windows …%n", samples.stats().samples(),
                samples.stats().tokens(), steps, batch);
        TrainingResult trained = new Trainer().run(new TrainerInputs(spec, init, work.resolve("samples"), null,
                window, window), work.resolve("train"), metrics -> {
                    Object step = metrics.get("step");
                    if (step instanceof Number n && n.longValue() % 20 == 0) {
                        System.out.println("  " + Json.write(metrics));
                    }
                }, CheckpointListener.NONE);
        Folders.copyFiles(trained.extensionFinal(), target); // the HF folder; trainer_state/ stays behind
        Files.copy(work.resolve("train/training-log.jsonl"), target.resolve("training-log.jsonl"));
        System.out.printf("base model written to %s in %.1f min%n", target, (System.nanoTime() - start) / 6e10);
        return 0;
    }
}
