package dev.longrecipe.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The project's one recursive delete: staging, scratch, checkpoint and state folders. */
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

    /**
     * {@link #delete}, best effort: what cannot be deleted now stays (callers use it for hidden staging folders and
     * scratch that a later run removes or that is harmless to leave).
     *
     * @return whether {@code root} is gone
     */
    public static boolean deleteQuietly(Path root) {
        try {
            delete(root);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
