package dev.longrecipe.trainer;

import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.trainer.testing.TinyTraining;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A trainer process for the crash test: args = base samples replayCorpus out trainerYaml pauseAt. Prints
 * {@code STEP <phase> <step>} and {@code CHECKPOINT <phase> <step>} lines; after the step named by pauseAt
 * ({@code <phase>:<step>} or {@code none}) prints {@code PAUSED} and blocks on stdin until the parent kills it.
 */
public final class CrashableTrainerMain {
    private CrashableTrainerMain() {
    }

    public static void main(String[] args) throws IOException {
        String pauseAt = args[5];
        new Trainer().run(new TrainerInputs(TinyTraining.spec(args[4]), Path.of(args[0]), Path.of(args[1]),
                        Path.of(args[2]), TinyTraining.L, TinyTraining.L_PRIME), Path.of(args[3]),
                ProgressListener.ofSteps(step -> {
                    String at = step.phase() + ":" + step.step();
                    System.out.println("STEP " + at);
                    if (at.equals(pauseAt)) {
                        System.out.println("PAUSED");
                        System.out.flush();
                        try {
                            System.in.read(); // the parent kills this process here
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, ProgressListener.NONE),
                checkpoint -> System.out.println("CHECKPOINT " + checkpoint.phase().id() + ":" + checkpoint.step()));
        System.out.println("DONE");
    }
}
