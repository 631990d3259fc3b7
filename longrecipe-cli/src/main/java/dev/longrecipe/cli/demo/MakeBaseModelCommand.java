package dev.longrecipe.cli.demo;

import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.cli.corpus.CorpusGenerators;
import dev.longrecipe.cli.oneshot.EvalCommand;
import dev.longrecipe.files.FileTrees;
import dev.longrecipe.hf.BosToken;
import dev.longrecipe.model.tokenizer.HfTokenizer;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.shards.SampleShardWriter;
import dev.longrecipe.shards.ShardFormat;
import dev.longrecipe.shards.ShardSample;
import dev.longrecipe.trainer.CheckpointListener;
import dev.longrecipe.trainer.Trainer;
import dev.longrecipe.trainer.TrainerInputs;
import dev.longrecipe.trainer.TrainingResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longrecipe make-base-model}: the recipe of the demo's base model (demo/README.md) with this project's own
 * trainer. A fresh Llama ({@link RandomLlama}) is trained at window L on the NIAH training mixture (KJV windows and
 * RULER niah_single prompts with their answers, {@code make-corpus mixture}): one mixture line per training
 * example, BOS first, positions 0…n−1, shorter lines padded with ignored labels — the reference recipe, except that
 * the weights and activations are float32 (the reference used bf16 autocast). Everything it makes stays in
 * {@code .stack/make-base-model/}; running it again resumes the training from its newest checkpoint. At the end it
 * checks retrieval (niah_single_2 at L and 2L, {@code --check-samples}) and prints the scores.
 */
@Command(name = "make-base-model", description = "Train a base model from scratch on the NIAH training mixture.")
public final class MakeBaseModelCommand implements Callable<Integer> {
    @Option(names = "--out", description = "output Hugging Face folder (default: .stack/make-base-model/model)")
    Path out;

    @Option(names = "--work", description = "working folder: checkpoints, mixture, samples (default:"
            + " .stack/make-base-model); running again with the same folder resumes")
    Path workDir;

    @Option(names = "--window", defaultValue = "256", description = "L, the window the model is trained at")
    int window;

    @Option(names = "--steps", defaultValue = "2000", description = "optimizer steps (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--batch", defaultValue = "32", description = "sequences per step (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--micro-batch", defaultValue = "8", description = "sequences per forward pass")
    int microBatch;

    @Option(names = "--lr", defaultValue = "0.001")
    double lr;

    @Option(names = "--hidden", defaultValue = "256")
    int hidden;

    @Option(names = "--layers", defaultValue = "4")
    int layers;

    @Option(names = "--heads", defaultValue = "4")
    int heads;

    @Option(names = "--seed", defaultValue = "7", description = "initialisation seed")
    long seed;

    @Option(names = "--data-seed", defaultValue = "3", description = "seed of the training mixture")
    long dataSeed;

    @Option(names = "--check-samples", defaultValue = "20", description = "niah_single_2 prompts per length in the"
            + " retrieval check at L and 2L after training (default ${DEFAULT-VALUE}; 0: no check)")
    int checkSamples;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("longrecipe.home", ".")).toAbsolutePath();
        Path work = workDir != null ? workDir.toAbsolutePath() : home.resolve(".stack/make-base-model");
        Path target = out != null ? out : work.resolve("model");
        if (Files.exists(target.resolve("config.json"))) {
            throw new IllegalArgumentException(target + " already holds a model; remove it or give --out");
        }
        long start = System.nanoTime();
        Path init = work.resolve("init");
        if (!Files.exists(init.resolve("config.json"))) {
            new RandomLlama(hidden, layers, heads, heads, hidden * 3, window, 10000.0)
                    .write(init, home.resolve("demo/data/tokenizer.json"), 2048, 1, 2, seed);
        }
        Path mixture = work.resolve("mixture.jsonl.gz");
        long lines = (long) steps * batch;
        if (!Files.exists(mixture)) {
            System.out.printf("generating %,d lines of the NIAH training mixture (L = %d) …%n", lines, window);
            CorpusGenerators.mixture(home.resolve("demo/data/kjv.txt.gz"), "1-60", init, window, 160, lines,
                    dataSeed, mixture);
        }
        Path samples = work.resolve("samples");
        if (!Files.isDirectory(samples)) {
            writeSamples(mixture, init, samples);
        }

        // a training-only spec: the trainer is given L′ = L below (TrainerInputs), so the model's window and RoPE stay
        // at L; the spec's targetLength only has to pass the spec's own check (L′ > L) and is not used
        RunSpec spec = RunSpecs.parse(String.format(Locale.ROOT, """
                baseModel: %s
                corpus: %s
                method: flt
                seed: %d
                contextLength: %d
                targetLength: %d
                trainer:
                  replayFraction: 0
                  checkpointEvery: 100
                  keepLast: 1
                  extension:
                    steps: %d
                    batchSize: %d
                    microBatchSize: %d
                    lr: %s
                    schedule: cosine
                    warmupSteps: %d
                    minLrRatio: 0.1
                    weightDecay: 0
                    beta1: 0.9
                    beta2: 0.95
                    clipNorm: 1.0
                """, init, mixture, dataSeed, window, 4 * window, steps, batch, microBatch, lr,
                Math.min(100, steps / 10)));
        System.out.printf("training %d steps of %d sequences (resumes from .stack/make-base-model/train if it"
                + " holds checkpoints) …%n", steps, batch);
        TrainingResult trained = new Trainer().run(new TrainerInputs(spec, init, samples, null, window, window),
                work.resolve("train"), ProgressListener.ofSteps(step -> {
                    if (step.step() % 20 == 0) {
                        System.out.println("  " + Json.write(step));
                    }
                }, ProgressListener.NONE), CheckpointListener.NONE);
        Folders.copyFiles(trained.extensionFinal(), target); // the HF folder; trainer_state/ stays behind
        Files.copy(work.resolve("train/training-log.jsonl"), target.resolve("training-log.jsonl"));
        System.out.printf("base model written to %s in %.1f min (this invocation)%n", target,
                (System.nanoTime() - start) / 6e10);
        return checkSamples > 0 ? checkRetrieval(home, work, target) : 0;
    }

    /**
     * Whether the model learned to retrieve: niah_single_2 (the task in its mixture) at L, where it should, and at 2L,
     * where a model trained at L should not, on the held-out books 61–66 as in the demo, with the one-shot evaluator;
     * the shipped {@code demo/base-model} (made by the reference stack) answers the same prompts next to it.
     */
    private int checkRetrieval(Path home, Path work, Path model) {
        Path heldout = work.resolve("heldout.jsonl.gz");
        if (!Files.exists(heldout)) {
            DemoCorpora.heldout(home, heldout);
        }
        System.out.printf("retrieval check: niah_single_2 at L = %d and 2L = %d, %d prompts each, haystacks from the"
                + " held-out books 61–66; 'made' is this model, 'shipped' the reference stack's demo/base-model …%n",
                window, 2 * window, checkSamples);
        return new CommandLine(new EvalCommand()).execute("--model", "made=" + model,
                "--model", "shipped=" + home.resolve("demo/base-model"), "--haystack", heldout.toString(),
                "--out", work.resolve("retrieval-check").toString(),
                "--set", "evaluator.lengths=[" + window + "," + 2 * window + "]",
                "--set", "evaluator.tasks=[niah_single_2]",
                "--set", "evaluator.samplesPerTask=" + checkSamples,
                "--set", "evaluator.maxNewTokens=12");
    }

    /** One training sample per mixture line: BOS (when the model has one) and the line's tokens at 0…n−1. */
    private static void writeSamples(Path mixture, Path model, Path dir) throws IOException {
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        FileTrees.delete(partial);
        Files.createDirectories(partial);
        OptionalInt bos = BosToken.of(model);
        int maxLength = 0;
        try (HfTokenizer tokenizer = HfTokenizer.load(model, false);
             BufferedReader in = new BufferedReader(new InputStreamReader(
                     new GZIPInputStream(Files.newInputStream(mixture)), StandardCharsets.UTF_8))) {
            List<int[]> ids = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String text = Json.MAPPER.readTree(line).path("text").asText();
                int[] sample = BosToken.prepend(bos, tokenizer.encodeInts(text));
                ids.add(sample);
                maxLength = Math.max(maxLength, sample.length);
            }
            int perShard = 4096;
            for (int s = 0; s * perShard < ids.size(); s++) {
                try (SampleShardWriter writer = new SampleShardWriter(partial.resolve(ShardFormat.shardFileName(s)),
                        maxLength, maxLength)) {
                    for (int[] sample : ids.subList(s * perShard, Math.min(ids.size(), (s + 1) * perShard))) {
                        int[] positions = new int[sample.length];
                        for (int i = 0; i < positions.length; i++) {
                            positions[i] = i;
                        }
                        writer.write(new ShardSample(sample, positions));
                    }
                }
            }
        }
        Files.move(partial, dir);
    }
}
