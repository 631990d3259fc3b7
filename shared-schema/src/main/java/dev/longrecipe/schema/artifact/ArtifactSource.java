package dev.longrecipe.schema.artifact;

import java.nio.file.Path;

/**
 * Where a stage's inputs come from: a location as a run spec or an event names it ({@code s3://bucket/key}, a
 * bucket-relative key, or a local path, depending on the source) resolved to a local file or folder. The service
 * doors use the S3 source of stage-runtime; the one-shot commands a source that reads local paths and
 * {@code s3://} locations. Stage cores depend on this interface only, never on an S3 client.
 *
 * <p>A missing input is an error that names the location as given and says {@code fix}.
 */
public interface ArtifactSource {

    /**
     * The file at {@code location}, local: a copy below {@code scratch} named like the location's last segment (so
     * {@code .gz} and the file's name survive), or the local file itself.
     *
     * @param what what the file is, for errors (e.g. "corpus")
     */
    Artifact file(String what, String location, Path scratch, String fix);

    /** The folder at {@code location} (a key prefix in S3), local: a copy in {@code scratch}, or the folder itself. */
    Artifact folder(String what, String location, Path scratch, String fix);

    /** True when a file exists at {@code location}. */
    boolean exists(String location);
}
