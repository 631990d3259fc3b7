package dev.longrecipe.schema.artifact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The inputs one stage attempt fetched, so that an error a stage core raises about a local copy names the input as
 * the user gave it: {@link #restate} replaces every fetched path in the message by its shown location. Inputs that
 * were read in place (local paths) are shown as themselves and left alone.
 */
public final class Provenance {
    private final List<Artifact> artifacts = new ArrayList<>();

    /** Records {@code artifact} and returns its local path. */
    public java.nio.file.Path add(Artifact artifact) {
        artifacts.add(artifact);
        return artifact.path();
    }

    /** {@code message} with each fetched path replaced by the location it came from (longest path first). */
    public String restate(String message) {
        String text = String.valueOf(message);
        List<Artifact> byLength = new ArrayList<>(artifacts);
        byLength.sort(Comparator.comparingInt((Artifact a) -> a.path().toString().length()).reversed());
        for (Artifact a : byLength) {
            text = text.replace(a.path().toString(), Locations.withoutSlash(a.shown()));
        }
        return text;
    }

    /**
     * A stage core's refusal of its inputs as the user is told it: an {@link IllegalArgumentException} (fatal) whose
     * message names the inputs by their own locations, the original kept as the cause.
     */
    public IllegalArgumentException restate(RuntimeException e) {
        return new IllegalArgumentException(restate(e.getMessage()), e);
    }
}
