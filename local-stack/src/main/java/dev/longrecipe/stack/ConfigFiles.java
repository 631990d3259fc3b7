package dev.longrecipe.stack;

import dev.longrecipe.files.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Files the stack writes and removes in its state directory. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /** Writes a server's .properties file (rewritten on every start: ports change). */
    static void write(Path file, Properties properties) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                properties.store(out, "written by dev.longrecipe.stack.LocalStack on every start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static void deleteRecursively(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
