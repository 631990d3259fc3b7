package dev.longrecipe.cli.oneshot;

import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.schema.TrainingStep;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.trainer.CheckpointInfo;
import dev.longrecipe.trainer.Trainer;
import dev.longrecipe.trainer.TrainerInputs;
import dev.longrecipe.trainer.TrainingResult;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longrecipe train --model DIR --samples DIR --replay-corpus FILE --out DIR}: extension training then replay on
 * local files (trainer-core's {@link Trainer}); every hyperparameter from the spec's {@code trainer} section. Run it
 * again on the same {@code --out} after a crash and it resumes from the newest checkpoint.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"One-shot trainer: extension phase on the segmenter's samples, then replay.",
                "The extension phase trains on the samples with their position ids, then the replay phase on the replay corpus; Hugging Face checkpoints under --out. Resumes when --out"
                + " already holds checkpoints of the same run.",
                "Example: longrecipe train --model models/llama --samples samples --replay-corpus replay.jsonl --out"
                        + " training --spec run.yaml --set trainer.extension.steps=20",
                OneShotSource.HELP + " An s3:// --out starts afresh (resuming reads a local --out)."})
public final class TrainCommand extends OneShotCommand {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "base model H (HF folder)")
    String model;

    @Option(names = "--samples", required = true, paramLabel = "DIR", description = "the segmenter's output folder")
    String samples;

    @Option(names = "--replay-corpus", paramLabel = "FILE", description = "JSONL replay corpus (text or"
            + " prompt/response); not needed with --set trainer.replayFraction=0")
    String replayCorpus;

    @Override
    int run() {
        InputPaths.modelFolder("base model (--model)", model);
        InputPaths.folder("samples folder (--samples)", samples, "give the output folder of longrecipe segment");
        if (replayCorpus != null) {
            InputPaths.corpus("replay corpus (--replay-corpus)", replayCorpus);
        }
        RunSpec spec = spec("train", givenInputs("baseModel", model, "replayCorpus", replayCorpus));
        if (replayCorpus == null && spec.trainer().replayFraction() > 0) {
            throw new IllegalArgumentException("trainer.replayFraction is " + spec.trainer().replayFraction()
                    + ", so train needs --replay-corpus FILE (JSONL); or skip the replay phase with --set"
                    + " trainer.replayFraction=0");
        }
        TrainerInputs in = TrainerInputs.resolve(spec, source, TrainerInputs.manifestIn(samples), scratch());

        PrintWriter stdout = stdout();
        TrainingResult result = withProgress(bar -> new Trainer().run(in, outDir(), ProgressListener.ofSteps(step -> {
            bar.println(stepLine(step));
            bar.update(step.fraction(), step.phase() + " step " + step.step() + "/" + step.steps());
        }, bar::update), checkpoint -> bar.println(checkpointLine(checkpoint))));
        int targetLength = in.targetLength();
        stdout.printf(Locale.ROOT, "extended model: %s (%,d tokens, RoPE θ = %.1f, L′ = %d)%n",
                result.extensionFinal(), result.extensionTokens(), result.ropeTheta(), targetLength);
        if (result.replayFinal() != null) {
            stdout.printf(Locale.ROOT, "replayed model: %s (%,d tokens)%n", result.replayFinal(),
                    result.replayTokens());
        }
        stdout.println("next: longrecipe merge --base " + model + " --other " + result.mergeInput() + " --out DIR");
        stdout.flush();
        return 0;
    }

    /** One line per optimizer step: phase, step, loss, lr, throughput, time left. */
    static String stepLine(TrainingStep s) {
        return String.format(Locale.ROOT, "%s step %s/%s  loss %.4f  lr %.2e  grad-norm %.3f  %.0f tok/s  eta %s",
                s.phase(), s.step(), s.steps(), s.loss(), s.lr(), s.gradNorm(), s.tokensPerSecond(),
                eta(s.etaSeconds()));
    }

    static String checkpointLine(CheckpointInfo c) {
        return String.format(Locale.ROOT, "checkpoint %s (%s step %d, loss %.4f)%s", c.dir(), c.phase().id(), c.step(),
                c.loss(), c.lastOfRun() ? " — the run's last, for the merger" : "");
    }

    private static String eta(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
