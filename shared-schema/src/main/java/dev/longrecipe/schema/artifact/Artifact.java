package dev.longrecipe.schema.artifact;

import java.nio.file.Path;

/**
 * One input a stage reads, fetched: {@code path} is the local file or folder the stage opens, {@code shown} the
 * location as the user knows it ({@code s3://longrecipe/inputs/r1/model/}, or the local path itself). Errors name
 * {@code shown}, never a scratch copy.
 */
public record Artifact(String shown, Path path) {
}
