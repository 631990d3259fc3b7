package dev.longrecipe.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.trainer.testing.TinyTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test: a trainer in a child JVM is killed (destroyForcibly, i.e. SIGKILL) in the middle of the
 * extension phase and again in the middle of the replay phase, each time after a checkpoint exists; restarted on
 * the same folder it finishes with final weights bit-for-bit equal to an uninterrupted run's.
 */
class CrashResumeTest {
    private static final String TRAINER = "{checkpointEvery: 2, keepLast: 2, replayFraction: 1.0,"
            + " extension: {steps: 5, batchSize: 2, microBatchSize: 1, lr: 1.0e-3, schedule: cosine, warmupSteps: 1},"
            + " replay: {batchSize: 2, microBatchSize: 2, lr: 1.0e-4}}";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aTrainerKilledMidPhaseResumesToBitIdenticalFinalWeights() throws Exception {
        Path base = TinyTraining.baseModel(tmp.resolve("base"));
        Path samples = TinyTraining.samples(tmp.resolve("samples"), 3, 3, 60, TinyTraining.L_PRIME, 11);
        Path replay = TinyTraining.replayCorpus(tmp.resolve("replay.jsonl"), 300);
        Path reference = tmp.resolve("uninterrupted");
        Path crashed = tmp.resolve("crashed");

        List<String> uninterrupted = runChild(base, samples, replay, reference, "none");
        assertThat(uninterrupted).contains("DONE");

        List<String> first = runChild(base, samples, replay, crashed, "extension:3");
        assertThat(first).contains("CHECKPOINT extension:2", "PAUSED").doesNotContain("DONE");
        assertThat(crashed.resolve("extension/step-2")).isDirectory();
        assertThat(crashed.resolve("extension/final")).doesNotExist();

        List<String> second = runChild(base, samples, replay, crashed, "replay:3");
        assertThat(second).startsWith("CHECKPOINT extension:2", "STEP extension:3")
                .contains("CHECKPOINT extension:5", "CHECKPOINT replay:2", "PAUSED").doesNotContain("DONE");

        List<String> third = runChild(base, samples, replay, crashed, "none");
        assertThat(third).startsWith("CHECKPOINT extension:5", "CHECKPOINT replay:2", "STEP replay:3")
                .contains("DONE");

        for (String model : List.of("extension/final/model.safetensors", "replay/final/model.safetensors")) {
            assertThat(Files.mismatch(reference.resolve(model), crashed.resolve(model))).as(model).isEqualTo(-1L);
        }
        assertThat(stepLines(crashed)).isEqualTo(stepLines(reference));
    }

    /** (phase, step, loss) of every step line of the training log: each step once, with the same loss. */
    private static List<String> stepLines(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        for (JsonNode n : TrainerTest.logLines(out)) {
            if (n.get("type").asText().equals("step")) {
                lines.add(n.get("phase").asText() + ":" + n.get("step").asLong() + ":" + n.get("loss").asDouble());
            }
        }
        return lines;
    }

    /** Runs the trainer in a child JVM; when it pauses, kills it with SIGKILL. Returns its stdout lines. */
    private List<String> runChild(Path base, Path samples, Path replay, Path out, String pauseAt) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), CrashableTrainerMain.class.getName(), base.toString(),
                samples.toString(), replay.toString(), out.toString(), TRAINER, pauseAt);
        pb.redirectError(tmp.resolve("child-" + pauseAt.replace(':', '-') + ".err").toFile());
        Process child = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader stdout = child.inputReader()) {
            String line;
            while ((line = stdout.readLine()) != null) {
                lines.add(line);
                if (line.equals("PAUSED")) {
                    child.destroyForcibly();
                    break;
                }
            }
        }
        int exit = child.waitFor();
        if (!lines.contains("PAUSED")) {
            assertThat(exit).as("child exit; stdout " + lines + "; stderr "
                    + Files.readString(tmp.resolve("child-" + pauseAt.replace(':', '-') + ".err"))).isZero();
        }
        return lines;
    }
}
