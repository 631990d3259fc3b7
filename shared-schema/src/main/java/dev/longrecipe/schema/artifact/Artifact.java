package dev.longrecipe.schema.artifact;

import java.nio.file.Path;

/**
 * One input a stage reads, fetched: {@code path} is the local file or folder the stage opens, {@code shown} its
 * location in full ({@code s3://longrecipe/inputs/r1/model/} for a spec's {@code inputs/r1/model}, or the local
 * path itself). Errors raised about the local copy name {@code shown} ({@link Provenance}), never the scratch copy;
 * the input checks name the location as the spec or event gave it.
 */
public record Artifact(String shown, Path path) {
}
