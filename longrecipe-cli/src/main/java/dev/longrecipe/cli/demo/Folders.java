package dev.longrecipe.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The demo's file chore: copying a model folder's files. */
final class Folders {
    private Folders() {
    }

    /** Copies the regular files directly in {@code from} (a Hugging Face folder) into {@code to}; sub-folders stay. */
    static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
