package dev.longrecipe.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void deletesAFolderWithEverythingBelowItAndLeavesItsSiblings() throws Exception {
        Path root = tmp.resolve("checkpoint");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/weights.bin"), "w");
        Files.writeString(root.resolve("meta.json"), "{}");
        Files.writeString(tmp.resolve("sibling.txt"), "kept");

        FileTrees.delete(root);

        assertThat(root).doesNotExist();
        assertThat(tmp.resolve("sibling.txt")).hasContent("kept");
    }

    @Test
    void aMissingFolderIsNothingToDo() throws Exception {
        FileTrees.delete(tmp.resolve("never-made"));
        assertThat(FileTrees.deleteQuietly(tmp.resolve("never-made"))).isTrue();
    }

    @Test
    void aSingleFileIsDeletedToo() throws Exception {
        Path file = Files.writeString(tmp.resolve("one.txt"), "x");
        assertThat(FileTrees.deleteQuietly(file)).isTrue();
        assertThat(file).doesNotExist();
    }
}
