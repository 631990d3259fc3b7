package dev.longrecipe.trainer;

import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.schema.TrainingStep;
import dev.longrecipe.trainer.testing.TinyTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.longrecipe.trainer.testing.TinyTraining.L;
import static dev.longrecipe.trainer.testing.TinyTraining.L_PRIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A trainer asked to stop (the service is shutting down) writes the steps done since its last checkpoint to a step
 * checkpoint and stops; started again on the same folder, it ends with the weights of a run that never stopped.
 */
class StopOnRequestTest {
    private static final String TRAINER = "{checkpointEvery: 2, keepLast: 2, replayFraction: 1.0,"
            + " extension: {steps: 5, batchSize: 2, microBatchSize: 1, lr: 1.0e-3, schedule: cosine, warmupSteps: 1},"
            + " replay: {steps: 3, batchSize: 2, microBatchSize: 2, lr: 1.0e-4}}";

    @TempDir
    Path tmp;

    @Test
    void aStopBetweenCheckpointsSavesTheStepsDoneAndTheRestartEndsWithTheUninterruptedWeights() throws Exception {
        Path base = TinyTraining.baseModel(tmp.resolve("base"));
        Path samples = TinyTraining.samples(tmp.resolve("samples"), 3, 3, 60, L_PRIME, 11);
        Path replay = TinyTraining.replayCorpus(tmp.resolve("replay.jsonl"), 300);
        TrainerInputs inputs = new TrainerInputs(TinyTraining.spec(TRAINER), base, samples, replay, L, L_PRIME);
        Path reference = tmp.resolve("uninterrupted");
        Path stopped = tmp.resolve("stopped");
        new Trainer().run(inputs, reference, ProgressListener.NONE, CheckpointListener.NONE);

        // asked to stop once extension step 3 is done: step 3 is not a checkpoint step (every 2)
        List<CheckpointInfo> announced = new ArrayList<>();
        TrainingStoppedException first = stopAfter(inputs, stopped, "extension", 3, announced);
        assertThat(first.saved()).contains(stopped.resolve("extension/step-3"));
        assertThat(first).hasMessageContaining("after step 3 of 5 of the extension phase")
                .hasMessageContaining("wrote checkpoint extension/step-3");
        assertThat(announced).extracting(c -> c.phase().id() + ":" + c.step())
                .containsExactly("extension:2", "extension:3");
        assertThat(stopped.resolve("extension/final")).doesNotExist();

        // again in the replay phase, then to the end
        TrainingStoppedException second = stopAfter(inputs, stopped, "replay", 1, new ArrayList<>());
        assertThat(second.saved()).contains(stopped.resolve("replay/step-1"));
        List<String> resumedAt = new ArrayList<>();
        new Trainer().run(inputs, stopped, ProgressListener.ofSteps(s -> resumedAt.add(s.phase() + ":" + s.step()),
                ProgressListener.NONE), CheckpointListener.NONE);
        assertThat(resumedAt).containsExactly("replay:2", "replay:3");

        for (String model : List.of("extension/final/model.safetensors", "replay/final/model.safetensors")) {
            assertThat(Files.mismatch(reference.resolve(model), stopped.resolve(model))).as(model).isEqualTo(-1L);
        }
    }

    @Test
    void aStopRightAfterACheckpointWritesNoOther() throws Exception {
        Path base = TinyTraining.baseModel(tmp.resolve("base"));
        Path samples = TinyTraining.samples(tmp.resolve("samples"), 3, 3, 60, L_PRIME, 11);
        TrainerInputs inputs = new TrainerInputs(TinyTraining.spec(TRAINER.replace("replayFraction: 1.0",
                "replayFraction: 0")), base, samples, null, L, L_PRIME);
        Path out = tmp.resolve("out");

        TrainingStoppedException stop = stopAfter(inputs, out, "extension", 2, new ArrayList<>());

        assertThat(stop.saved()).isEmpty();
        assertThat(stop).hasMessageContaining("its newest checkpoint already holds every step done");
        try (var steps = Files.list(out.resolve("extension"))) {
            assertThat(steps.map(p -> p.getFileName().toString())).containsExactly("step-2");
        }
    }

    /** Runs the trainer, asking it to stop once {@code phase} step {@code step} is done; returns how it stopped. */
    private static TrainingStoppedException stopAfter(TrainerInputs inputs, Path out, String phase, long step,
                                                      List<CheckpointInfo> announced) {
        AtomicReference<TrainingStep> last = new AtomicReference<>();
        return catchThrowableOfType(TrainingStoppedException.class, () -> new Trainer().run(inputs, out,
                ProgressListener.ofSteps(last::set, ProgressListener.NONE), announced::add,
                () -> last.get() != null && last.get().phase().equals(phase) && last.get().step() >= step));
    }
}
