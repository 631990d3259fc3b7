package dev.longrecipe.hf;

import java.nio.file.Path;

/** A safetensors file whose header or layout breaks the format; the message names the file, the entry and the fix. */
public final class SafetensorsFormatException extends IllegalArgumentException {

    public SafetensorsFormatException(Path file, String problem, String fix) {
        super(file + ": " + problem + ". " + fix);
    }

    public SafetensorsFormatException(Path file, String problem, String fix, Throwable cause) {
        super(file + ": " + problem + ". " + fix, cause);
    }
}
