package dev.longrecipe.cli.oneshot;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks on the paths a one-shot command was given, before any work starts, so a typo fails at once with
 * "<what> does not exist: <path>; <fix>" instead of deep inside a stage (or after an empty output folder was made).
 */
final class InputPaths {
    private InputPaths() {
    }

    /** {@code path} must be a regular file. */
    static Path file(String what, Path path, String fix) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(what + " does not exist: " + path + "; " + fix);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(what + " is not a file: " + path + "; " + fix);
        }
        return path;
    }

    /** {@code path} must be a folder. */
    static Path folder(String what, Path path, String fix) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(what + " does not exist: " + path + "; " + fix);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(what + " is not a folder: " + path + "; " + fix);
        }
        return path;
    }

    /** {@code path} must be a Hugging Face model folder (at least a config.json; the loaders check the weights). */
    static Path modelFolder(String what, Path path) {
        String fix = "give a Hugging Face model folder (config.json, model.safetensors, tokenizer.json)";
        folder(what, path, fix);
        file(what + "'s config.json", path.resolve("config.json"), fix);
        return path;
    }

    /** A JSONL corpus file. */
    static Path corpus(String what, Path path) {
        return file(what, path, "give a JSONL file with one {\"text\": …} object per line (optionally .gz)");
    }

    /** An output that must not exist yet (stage outputs are never overwritten). */
    static Path newOutput(String what, Path path) {
        if (Files.exists(path)) {
            throw new IllegalArgumentException(what + " already exists: " + path
                    + "; choose a new output path or delete the old one");
        }
        return path;
    }
}
