package dev.longrecipe.trainer.service;

import static dev.longrecipe.trainer.service.StackClient.store;
import static org.assertj.core.api.Assertions.assertThat;

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

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
