package dev.longrecipe.schema.artifact;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inputs that are already on this machine: a location is a path, resolved as it is (nothing is copied). A missing
 * input is "{@code <what> does not exist: <path>; <fix>}". Locations that are not local ({@code s3://…}) are refused
 * with the way to read them.
 */
public final class LocalArtifactSource implements ArtifactSource {

    @Override
    public Artifact file(String what, String location, Path scratch, String fix) {
        return new Artifact(location, path(what, location, fix, true));
    }

    @Override
    public Artifact folder(String what, String location, Path scratch, String fix) {
        return new Artifact(location, path(what, location, fix, false));
    }

    @Override
    public boolean exists(String location) {
        return !location.startsWith("s3://") && Files.isRegularFile(Path.of(location));
    }

    private static Path path(String what, String location, String fix, boolean file) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException(what + " has no location; " + fix);
        }
        if (location.startsWith("s3://")) {
            throw new IllegalArgumentException(what + " is in S3 (" + location + ") but this source reads local"
                    + " paths only; give a local path, or read it through an S3 source");
        }
        Path path = Path.of(location);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(what + " does not exist: " + location + "; " + fix);
        }
        if (file ? !Files.isRegularFile(path) : !Files.isDirectory(path)) {
            throw new IllegalArgumentException(what + " is not a " + (file ? "file" : "folder") + ": " + location
                    + "; " + fix);
        }
        return path;
    }
}
