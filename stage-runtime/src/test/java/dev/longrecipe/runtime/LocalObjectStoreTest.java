package dev.longrecipe.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local-folder bucket behaves as the runner relies on S3 to: prefixes, folders, missing objects. */
class LocalObjectStoreTest {
    @TempDir
    Path root;

    @Test
    void objectsAreFilesAndFoldersArePrefixesWithFiles() throws Exception {
        LocalObjectStore store = new LocalObjectStore("longrecipe", root);
        store.putText("runs/r/merger/1/_attempt.json", "{}");
        store.putText("runs/r/merger/2/model/w.txt", "w");
        Files.createDirectories(root.resolve("runs/r/merger/3")); // an empty folder is no prefix in S3

        assertThat(store.list("runs/r/merger/")).containsExactly("runs/r/merger/1/_attempt.json",
                "runs/r/merger/2/model/w.txt");
        assertThat(store.listFolders("runs/r/merger")).containsExactly("runs/r/merger/1/", "runs/r/merger/2/");
        store.copy("runs/r/merger/2/model/w.txt", "runs/r/merger/4/model/w.txt");
        assertThat(store.downloadFolder("runs/r/merger/4/model/", root.resolve("local")).resolve("w.txt"))
                .hasContent("w");
        assertThat(store.deletePrefix("runs/r/merger/2")).isEqualTo(1);
        assertThat(store.exists("runs/r/merger/2/model/w.txt")).isFalse();
    }

    @Test
    void aMissingObjectNamesItsKeyAndTheFix() {
        LocalObjectStore store = new LocalObjectStore("longrecipe", root);

        assertThatThrownBy(() -> store.getText("runs/x/spec.json", "submit the run"))
                .isInstanceOf(MissingObjectException.class)
                .hasMessageContaining("s3://longrecipe/runs/x/spec.json").hasMessageContaining("submit the run");
        assertThatThrownBy(() -> store.downloadFolder("inputs/none/", root.resolve("d")))
                .isInstanceOf(MissingObjectException.class);
    }
}
