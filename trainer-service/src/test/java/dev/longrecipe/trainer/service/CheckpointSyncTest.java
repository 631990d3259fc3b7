package dev.longrecipe.trainer.service;

import static dev.longrecipe.testsupport.StackClient.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.testsupport.StackClient;
import dev.longrecipe.trainer.CheckpointInfo;
import dev.longrecipe.trainer.Phase;
import dev.longrecipe.trainer.checkpoint.CheckpointFiles;
import dev.longrecipe.trainer.progress.TrainingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 mirror of the trainer's output folder, against the real S3 server of the local stack. */
class CheckpointSyncTest {
    @TempDir
    Path tmp;

    private static Path checkpoint(Path out, String phase, String name) throws IOException {
        Path dir = Files.createDirectories(out.resolve(phase).resolve(name));
        Files.writeString(dir.resolve("model.safetensors"), "weights of " + name);
        Files.writeString(dir.resolve(CheckpointFiles.META_FILE), "{}");
        return dir;
    }

    @Test
    void uploadsCheckpointsPrunesRetiredOnesAndRestoresOnlyCompleteFolders() throws IOException {
        String prefix = "runs/" + StackClient.newRunId("sync") + "/trainer/1/";
        Path out = tmp.resolve("out");
        CheckpointSync sync = new CheckpointSync(store(), prefix, out);
        Path step2 = checkpoint(out, "extension", "step-2");
        Files.writeString(Files.createDirectories(out).resolve(TrainingLog.FILE), "{\"type\":\"step\"}\n");

        assertThat(sync.upload(new CheckpointInfo(Phase.EXTENSION, false, 2, 10, 1.0, step2, false))).isTrue();
        assertThat(sync.upload(new CheckpointInfo(Phase.EXTENSION, false, 2, 10, 1.0, step2, false)))
                .as("a complete copy is not uploaded twice").isFalse();

        Path step4 = checkpoint(out, "extension", "step-4");
        deleteTree(step2); // the trainer retired it (keepLast 1)
        sync.upload(new CheckpointInfo(Phase.EXTENSION, false, 4, 20, 0.9, step4, false));
        assertThat(store().listFolders(prefix + "extension/")).containsExactly(prefix + "extension/step-4/");
        assertThat(store().exists(prefix + TrainingLog.FILE)).isTrue();

        // an upload a crash cut short: files but no trainer-checkpoint.json
        store().putText(prefix + "extension/step-6/model.safetensors", "half");
        Path restored = tmp.resolve("restored");
        new CheckpointSync(store(), prefix, restored).restore();
        assertThat(restored.resolve("extension").toFile().list()).containsExactly("step-4");
        assertThat(Files.readString(restored.resolve("extension/step-4/model.safetensors")))
                .isEqualTo("weights of step-4");
        assertThat(restored.resolve(TrainingLog.FILE)).exists();
    }

    @Test
    void copyFromAnEarlierAttemptTakesItsCompleteCheckpointsOnlyAndRestoreListsThemInWriteOrder() throws IOException {
        String run = "runs/" + StackClient.newRunId("copy") + "/trainer/";
        String failed = run + "1/";
        Path out = tmp.resolve("out1");
        CheckpointSync first = new CheckpointSync(store(), failed, out);
        Files.writeString(Files.createDirectories(out).resolve(TrainingLog.FILE), "{\"type\":\"step\"}\n");
        first.upload(new CheckpointInfo(Phase.EXTENSION, false, 2, 10, 1.0, checkpoint(out, "extension", "step-2"),
                false));
        first.upload(new CheckpointInfo(Phase.EXTENSION, false, 10, 50, 0.8, checkpoint(out, "extension", "step-10"),
                false));
        first.upload(new CheckpointInfo(Phase.EXTENSION, true, 12, 60, 0.7, checkpoint(out, "extension", "final"),
                false));
        store().putText(failed + "replay/step-4/model.safetensors", "cut short"); // no trainer-checkpoint.json

        String next = run + "2/";
        CheckpointSync second = new CheckpointSync(store(), next, tmp.resolve("out2"));
        assertThat(second.copyFrom(failed)).isEqualTo(3);
        assertThat(second.copyFrom(failed)).as("what is complete is not copied twice").isZero();

        assertThat(store().listFolders(next + "extension/")).containsExactly(next + "extension/final/",
                next + "extension/step-10/", next + "extension/step-2/");
        assertThat(store().listFolders(next + "replay/")).isEmpty();
        assertThat(store().getText(next + "extension/step-10/model.safetensors")).isEqualTo("weights of step-10");
        assertThat(store().exists(next + TrainingLog.FILE)).isTrue();
        assertThat(second.restore()).extracting(p -> p.getParent().getFileName() + "/" + p.getFileName())
                .containsExactly("extension/step-2", "extension/step-10", "extension/final");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
