package dev.longrecipe.hf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Small file-tree helpers shared by the writers. */
final class Folders {

    private Folders() {
    }

    /** Deletes {@code dir} and everything below it; failures are added to {@code cause} as suppressed. */
    static void deleteRecursively(Path dir, Throwable cause) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
