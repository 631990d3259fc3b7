package dev.longrecipe.trainer.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointStoreTest {
    @TempDir
    Path out;

    private static CheckpointStore.Contents file(String text) {
        return dir -> Files.writeString(Files.createDirectories(dir).resolve("state.txt"), text);
    }

    private long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void keepsOnlyTheLastKStepCheckpoints() throws IOException {
        CheckpointStore store = new CheckpointStore(out.resolve("extension"), 2);
        for (long step = 10; step <= 40; step += 10) {
            store.writeStep(step, file("s" + step));
        }
        assertThat(store.steps()).containsExactly(30L, 40L);
        assertThat(Files.readString(store.latestStep().orElseThrow().resolve("state.txt"))).isEqualTo("s40");
        assertThat(entries(store.phaseDir())).isEqualTo(2);
    }

    @Test
    void aFailedWriteLeavesNoFolderAndTheOldCheckpointIntact() throws IOException {
        CheckpointStore store = new CheckpointStore(out.resolve("extension"), 2);
        store.writeStep(5, file("good"));
        assertThatThrownBy(() -> store.writeStep(10, dir -> {
            Files.writeString(Files.createDirectories(dir).resolve("half"), "x");
            throw new FileSystemException(dir.toString(), null, "No space left on device");
        })).isInstanceOf(CheckpointWriteException.class)
                .hasMessageStartingWith("disk full")
                .hasMessageContaining("step-5 is intact");
        assertThat(store.steps()).containsExactly(5L);
        assertThat(entries(store.phaseDir())).isEqualTo(1);
    }

    @Test
    void leftoversOfAKilledWriteAreRemovedOnOpen() throws IOException {
        Path phase = out.resolve("replay");
        Files.createDirectories(phase.resolve(".tmp-step-20-abc"));
        Files.writeString(phase.resolve(".tmp-step-20-abc").resolve("model.safetensors"), "partial");
        CheckpointStore store = new CheckpointStore(phase, 1);
        assertThat(store.steps()).isEmpty();
        assertThat(entries(phase)).isZero();
    }

    @Test
    void theFinalCheckpointRetiresStepCheckpoints() throws IOException {
        CheckpointStore store = new CheckpointStore(out.resolve("extension"), 3);
        store.writeStep(1, file("1"));
        store.writeStep(2, file("2"));
        store.writeFinal(file("done"));
        assertThat(store.hasFinal()).isTrue();
        assertThat(store.steps()).isEmpty();
        assertThat(Files.readString(store.finalDir().resolve("state.txt"))).isEqualTo("done");
    }
}
