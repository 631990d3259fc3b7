package dev.longrecipe.runtime;

import dev.longrecipe.schema.artifact.Artifact;
import dev.longrecipe.schema.artifact.ArtifactSource;
import dev.longrecipe.schema.artifact.Locations;
import java.nio.file.Path;

/**
 * Inputs in the platform bucket: a location is {@code s3://<bucket>/<key>} or a bucket-relative key
 * ({@link ObjectStore#keyOf}), downloaded into the attempt's scratch folder. Each input is shown as
 * {@code s3://<bucket>/<key>} (folders with their trailing '/'), the way a run spec names it; a missing one is a
 * {@link MissingObjectException} saying the fix.
 */
public final class S3ArtifactSource implements ArtifactSource {
    private final ObjectStore store;

    public S3ArtifactSource(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Artifact file(String what, String location, Path scratch, String fix) {
        String key = store.keyOf(location);
        Path local = scratch.resolve(Locations.fileName(key));
        store.downloadFile(key, local, fix);
        return new Artifact(shown(key), local);
    }

    @Override
    public Artifact folder(String what, String location, Path scratch, String fix) {
        String key = Locations.asFolder(store.keyOf(location));
        return new Artifact(shown(key), store.downloadFolder(key, scratch, fix));
    }

    @Override
    public boolean exists(String location) {
        return store.exists(store.keyOf(location));
    }

    private String shown(String key) {
        return "s3://" + store.bucket() + "/" + key;
    }
}
