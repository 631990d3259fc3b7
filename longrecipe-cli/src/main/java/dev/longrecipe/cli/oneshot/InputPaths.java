package dev.longrecipe.cli.oneshot;

import dev.longrecipe.schema.artifact.LocalArtifactSource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks on the local paths a one-shot command was given, before any work starts, so a typo fails at once with
 * "<what> does not exist: <path>; <fix>" instead of deep inside a stage (or after an empty output folder was made),
 * named by the option the user typed. {@code s3://} locations pass here: the S3 source names a missing object itself.
 */
final class InputPaths {
    private InputPaths() {
    }

    private static final LocalArtifactSource LOCAL = new LocalArtifactSource();

    /** {@code location} must be a regular file (or an S3 location). */
    static String file(String what, String location, String fix) {
        return OneShotSource.isS3(location) ? location : LOCAL.file(what, location, null, fix).shown();
    }

    /** {@code location} must be a folder (or an S3 location). */
    static String folder(String what, String location, String fix) {
        return OneShotSource.isS3(location) ? location : LOCAL.folder(what, location, null, fix).shown();
    }

    /** {@code location} must be a Hugging Face model folder (a config.json at least; the loaders check the weights). */
    static String modelFolder(String what, String location) {
        String fix = "give a Hugging Face model folder (config.json, model.safetensors, tokenizer.json)";
        folder(what, location, fix);
        if (!OneShotSource.isS3(location)) {
            file(what + "'s config.json", Path.of(location).resolve("config.json").toString(), fix);
        }
        return location;
    }

    /** A JSONL corpus file. */
    static String corpus(String what, String location) {
        return file(what, location, "give a JSONL file with one {\"text\": …} object per line (optionally .gz)");
    }

    /** A local output that must not exist yet (stage outputs are never overwritten). */
    static Path newOutput(String what, Path path) {
        if (Files.exists(path)) {
            throw new IllegalArgumentException(what + " already exists: " + path
                    + "; choose a new output path or delete the old one");
        }
        return path;
    }
}
