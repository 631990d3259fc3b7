package dev.longrecipe.trainer;

import dev.longrecipe.schema.ProgressListener;
import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.hf.BosToken;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.spec.TrainerParams;
import dev.longrecipe.schema.spec.TrainingPhase;
import dev.longrecipe.draw.SamplesManifest;
import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.draw.sample.SpanSampler;
import dev.longrecipe.trainer.checkpoint.CheckpointFiles;
import dev.longrecipe.trainer.checkpoint.CheckpointMeta;
import dev.longrecipe.trainer.checkpoint.CheckpointStore;
import dev.longrecipe.trainer.data.SampleOrder;
import dev.longrecipe.trainer.data.SampleStream;
import dev.longrecipe.trainer.data.SampleWindowCheck;
import dev.longrecipe.trainer.data.ShardDirectory;
import dev.longrecipe.trainer.progress.TrainingLog;
import dev.longrecipe.trainer.replay.ReplayBlocks;
import dev.longrecipe.trainer.rope.TargetRope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The trainer stage: the extension phase on the segmenter's samples (their position ids fed to RoPE, with the target
 * RoPE base θ′), then the replay phase on the replay corpus packed into blocks at positions 0…n−1, starting from the
 * extended weights. Extension samples are drawn from the segmenter's sample sources afresh for every epoch (sentence
 * selection and positions), a pure function of (span, epoch), so a resume finds the same samples; they and the replay
 * blocks start with the base model's BOS token at position 0 when it has one. (Shards of built samples are trained on
 * as they are, the same in every epoch.)
 *
 * <p>Output folder layout:
 * <pre>
 * out/training-log.jsonl              one line per step / checkpoint / phase start (see TrainingLog)
 * out/extension/step-N/               every checkpointEvery steps (last keepLast kept): HF folder + trainer state
 * out/extension/final/                the extended model (HF folder)
 * out/replay-blocks/                  the packed replay set (sample shards + packing.json)
 * out/replay/step-N/, out/replay/final/
 * </pre>
 * A run restarted on the same folder — after {@code kill -9} at any moment — resumes from the newest checkpoint
 * with the same data order and ends with the same weights as a run that was never interrupted; a finished run
 * only announces its final checkpoints again.
 *
 * <p>With {@code trainer.replayFraction} 0 there is no replay phase: {@code extension/final} is the run's last
 * checkpoint ({@link CheckpointInfo#lastOfRun()}, {@link TrainingResult#mergeInput()}), and the merger averages it
 * with the base model.
 */
public final class Trainer {
    public static final String EXTENSION_DIR = "extension";
    public static final String REPLAY_DIR = "replay";
    public static final String REPLAY_BLOCKS_DIR = "replay-blocks";
    /** Tag mixed into the run seed for the replay phase's order, so it differs from the extension order. */
    private static final long REPLAY_SEED_TAG = 0x5245504C4159L;

    public TrainingResult run(TrainerInputs in, Path outDir, ProgressListener progress,
                              CheckpointListener checkpoints) {
        return run(in, outDir, progress, checkpoints, () -> false);
    }

    /**
     * As {@link #run(TrainerInputs, Path, ProgressListener, CheckpointListener)}, asking {@code stopRequested} before
     * every step: once it answers true, the steps done since the last checkpoint are written to a step checkpoint
     * (announced like any other) and {@link TrainingStoppedException} is thrown; a run on the same folder resumes
     * from it. A step in flight is finished first.
     */
    public TrainingResult run(TrainerInputs in, Path outDir, ProgressListener progress,
                              CheckpointListener checkpoints, BooleanSupplier stopRequested) {
        TrainerParams params = in.spec().trainer();
        long seed = params.shuffleSeed() != null ? params.shuffleSeed() : in.spec().seed();
        boolean replay = params.replayFraction() > 0;
        if (params.replayFraction() < 0) {
            throw new IllegalArgumentException("trainer.replayFraction must be ≥ 0 but was " + params.replayFraction());
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder " + outDir + ": " + e.getMessage(), e);
        }
        ModelConfig base = ModelConfig.read(in.baseModelDir().resolve("config.json"));
        RopeParameters rope = TargetRope.forTarget(base, params, in.contextLength(), in.targetLength());
        CheckpointStore extension = new CheckpointStore(outDir.resolve(EXTENSION_DIR), params.keepLast());
        CheckpointStore replayStore = new CheckpointStore(outDir.resolve(REPLAY_DIR), params.keepLast());

        // -- a finished run: announce the final checkpoints again (an interrupted upload is redone) and stop
        if (extension.hasFinal() && (!replay || replayStore.hasFinal())) {
            announceFinal(extension, Phase.EXTENSION, !replay, checkpoints);
            if (replay) {
                announceFinal(replayStore, Phase.REPLAY, true, checkpoints);
            }
            return result(extension, replay ? replayStore : null);
        }

        String settings = settingsOf(in, seed);
        TrainingLog log = openLog(outDir, extension, replayStore);
        // -- extension phase
        if (!extension.hasFinal()) {
            runExtension(in, params, seed, rope, settings, extension, log, progress, checkpoints, !replay,
                    stopRequested);
        } else {
            announceFinal(extension, Phase.EXTENSION, false, checkpoints);
        }
        // -- replay phase
        if (replay) {
            runReplay(in, params, seed, rope, settings, extension, replayStore, outDir, log, progress, checkpoints,
                    stopRequested);
        }
        return result(extension, replay ? replayStore : null);
    }

    private void runExtension(TrainerInputs in, TrainerParams params, long seed, RopeParameters rope, String settings,
                              CheckpointStore store, TrainingLog log, ProgressListener progress,
                              CheckpointListener checkpoints, boolean lastOfRun, BooleanSupplier stopRequested) {
        TrainingPhase phaseParams = params.extension();
        if (phaseParams.steps() == null) {
            throw new IllegalArgumentException("trainer.extension.steps is required (the paper ran 104 steps of 96"
                    + " samples)");
        }
        ShardDirectory samples = ShardDirectory.open(in.samplesDir(), in.targetLength(), () -> spanSampler(in));
        PhaseSetup setup = new PhaseSetup(Phase.EXTENSION, phaseParams, phaseParams.steps(), params.checkpointEvery(),
                params.recompute(), settings, fingerprint(samples), lastOfRun);
        runPhase(setup, in, rope, samples, seed, store, null, log, progress, checkpoints, stopRequested);
    }

    private void runReplay(TrainerInputs in, TrainerParams params, long seed, RopeParameters rope, String settings,
                           CheckpointStore extension, CheckpointStore store, Path outDir, TrainingLog log,
                           ProgressListener progress, CheckpointListener checkpoints, BooleanSupplier stopRequested) {
        CheckpointMeta extended = CheckpointFiles.readMeta(extension.finalDir());
        int blockLength = params.replayBlockLength() != null ? params.replayBlockLength() : in.contextLength();
        if (blockLength > in.targetLength()) {
            throw new IllegalArgumentException("trainer.replayBlockLength " + blockLength + " exceeds the target"
                    + " window L′=" + in.targetLength() + "; use at most L′ (the default is L)");
        }
        Path tokenizer = in.baseModelDir().resolve("tokenizer.json");
        ReplayBlocks.Packing packing = ReplayBlocks.prepare(outDir.resolve(REPLAY_BLOCKS_DIR), in.replayCorpus(),
                tokenizer, blockLength, eosTokenId(in.baseModelDir()), BosToken.of(in.baseModelDir()),
                ReplayBlocks.wantedBlocks(params.replayFraction(), extended.tokens(), blockLength));
        ShardDirectory blocks = ShardDirectory.open(outDir.resolve(REPLAY_BLOCKS_DIR), in.targetLength());
        TrainingPhase phaseParams = params.replay();
        long steps = phaseParams.steps() != null ? phaseParams.steps()
                : Math.max(1, (packing.blocks() + phaseParams.batchSize() - 1) / phaseParams.batchSize());
        PhaseSetup setup = new PhaseSetup(Phase.REPLAY, phaseParams, steps, params.checkpointEvery(),
                params.recompute(), settings, fingerprint(blocks), true);
        runPhase(setup, in, rope, blocks, seed ^ REPLAY_SEED_TAG, store, extension.finalDir(), log, progress,
                checkpoints, stopRequested);
    }

    /**
     * What draws the extension samples: the segmenter's builder and seed, recreated from the samples folder's
     * manifest.json, so epoch 0 is what the segmenter's stats.json describes and every later epoch draws afresh. The
     * samples must start with the base model's BOS token exactly when its inputs do.
     */
    private static SpanSampler spanSampler(TrainerInputs in) {
        SegmenterSettings segmented = SamplesManifest.settings(in.samplesDir());
        OptionalInt bos = BosToken.of(in.baseModelDir());
        if (!segmented.bos().equals(bos)) {
            throw new IllegalArgumentException("the samples in " + in.samplesDir() + " were segmented "
                    + (segmented.bos().isPresent() ? "to start with BOS token " + segmented.bosTokenId() : "without a BOS"
                    + " token") + ", but the base model " + in.baseModelDir() + (bos.isPresent() ? " starts its inputs"
                    + " with BOS token " + bos.getAsInt() : " has none") + "; segment with this base model's folder"
                    + " (config.json, tokenizer.json, tokenizer_config.json)");
        }
        return SpanSampler.of(segmented);
    }

    /** Runs one phase from its newest step checkpoint, or from {@code startWeights} (null: the base model). */
    private void runPhase(PhaseSetup setup, TrainerInputs in, RopeParameters rope, ShardDirectory data, long seed,
                          CheckpointStore store, Path startWeights, TrainingLog log, ProgressListener progress,
                          CheckpointListener checkpoints, BooleanSupplier stopRequested) {
        PhaseRunner.Start start = PhaseRunner.Start.fresh();
        Optional<Path> latest = store.latestStep();
        if (latest.isPresent()) {
            CheckpointMeta meta = CheckpointFiles.readMeta(latest.get());
            requireSame(latest.get(), "trainer settings", meta.settings(), setup.settings());
            requireSame(latest.get(), "training data", meta.dataFingerprint(), setup.dataFingerprint());
            start = new PhaseRunner.Start(latest.get(), meta.step(), meta.tokens(), meta.loss(), meta.cursor());
            checkpoints.onCheckpoint(new CheckpointInfo(setup.phase(), false, meta.step(), meta.tokens(), meta.loss(),
                    latest.get(), false));
        }
        log.appendPhase(new TrainingLog.PhaseLine(setup.phase().id(), setup.steps(), rope.theta(), in.targetLength(),
                start.step()));

        // a step checkpoint's weights (float32 masters) are put in by PhaseRunner together with the optimizer state
        Path weights = start.checkpoint() != null ? null : startWeights;
        try (LlamaModel model = ModelWeights.load(in.baseModelDir(), rope, in.targetLength(), weights);
             SampleStream stream = new SampleStream(new SampleOrder(data.shards(), seed), data,
                     new SampleWindowCheck(in.targetLength(), model.config().vocabSize()), start.cursor())) {
            new PhaseRunner(setup, model, store, log, progress, checkpoints, stopRequested).run(start, stream);
        }
    }

    private static TrainingLog openLog(Path outDir, CheckpointStore extension, CheckpointStore replay) {
        if (extension.hasFinal()) {
            return TrainingLog.open(outDir, Phase.REPLAY.id(), replay.latestStep().map(Trainer::stepOf).orElse(0L));
        }
        Optional<Path> latest = extension.latestStep();
        return latest.isPresent() ? TrainingLog.open(outDir, Phase.EXTENSION.id(), stepOf(latest.get()))
                : TrainingLog.open(outDir, null, 0);
    }

    private static long stepOf(Path stepDir) {
        return CheckpointFiles.readMeta(stepDir).step();
    }

    private static void announceFinal(CheckpointStore store, Phase phase, boolean lastOfRun,
                                      CheckpointListener checkpoints) {
        CheckpointMeta meta = CheckpointFiles.readMeta(store.finalDir());
        checkpoints.onCheckpoint(new CheckpointInfo(phase, true, meta.step(), meta.tokens(), meta.loss(),
                store.finalDir(), lastOfRun));
    }

    private static TrainingResult result(CheckpointStore extension, CheckpointStore replay) {
        CheckpointMeta ext = CheckpointFiles.readMeta(extension.finalDir());
        long replayTokens = replay == null ? 0 : CheckpointFiles.readMeta(replay.finalDir()).tokens();
        return new TrainingResult(extension.finalDir(), replay == null ? null : replay.finalDir(), ext.tokens(),
                replayTokens, ext.ropeTheta());
    }

    private static void requireSame(Path checkpoint, String what, String saved, String now) {
        if (!saved.equals(now)) {
            throw new IllegalStateException("cannot resume from " + checkpoint + ": the " + what + " differ from the"
                    + " ones it was trained with (saved: " + saved + "; now: " + now + "). Resume with the same"
                    + " inputs, or train into a new output folder");
        }
    }

    /**
     * The settings a checkpoint records and a resume must match: every trainer knob under its spec name (the
     * {@code trainer} section as it is), the effective seed, L and L′.
     */
    static String settingsOf(TrainerInputs in, long seed) {
        Map<String, Object> settings = new java.util.TreeMap<>(); // a fixed key order: compared as text on resume
        settings.put("trainer", in.spec().trainer());
        settings.put("seed", seed);
        settings.put("contextLength", in.contextLength());
        settings.put("targetLength", in.targetLength());
        return Json.write(settings);
    }

    private static String fingerprint(ShardDirectory dir) {
        return dir.shards().stream().map(s -> s.name() + ":" + s.samples()).collect(Collectors.joining(","));
    }

    /** The base model's end-of-sequence token (the first one when config.json lists several), if any. */
    private static Integer eosTokenId(Path baseModelDir) {
        try {
            JsonNode config = Json.MAPPER.readTree(baseModelDir.resolve("config.json").toFile());
            JsonNode eos = config.get("eos_token_id");
            if (eos == null || eos.isNull()) {
                return null;
            }
            return eos.isArray() ? (eos.size() == 0 ? null : eos.get(0).asInt()) : eos.asInt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + baseModelDir.resolve("config.json"), e);
        }
    }
}
