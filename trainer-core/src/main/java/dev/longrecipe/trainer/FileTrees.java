package dev.longrecipe.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The trainer's one recursive delete (checkpoint folders, replay-block folders). */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code root} and everything below it; nothing if it does not exist. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** {@link #delete}, best effort: what cannot be deleted now is left for the next run to remove. */
    public static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (IOException ignored) {
            // leftovers are hidden (dot-named or in a trash folder) and removed on a later open
        }
    }
}
