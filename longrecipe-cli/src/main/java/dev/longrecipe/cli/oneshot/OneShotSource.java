package dev.longrecipe.cli.oneshot;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.S3ArtifactSource;
import dev.longrecipe.runtime.S3Settings;
import dev.longrecipe.schema.artifact.Artifact;
import dev.longrecipe.schema.artifact.ArtifactSource;
import dev.longrecipe.schema.artifact.LocalArtifactSource;
import dev.longrecipe.stack.LocalStack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a one-shot command reads its inputs and writes its output: a local path, or {@code s3://<bucket>/<key>}.
 * The S3 server is the one named by {@value #ENDPOINT} (with {@value #ACCESS_KEY} and {@value #SECRET_KEY}; the same
 * variables the services read, and as Java properties {@code longrecipe.s3.endpoint}, {@code .access-key},
 * {@code .secret-key}); when no endpoint is set, the local stack that {@code ./longrecipe up} started. The bucket is
 * the location's own.
 */
final class OneShotSource implements ArtifactSource {
    static final String ENDPOINT = "LONGRECIPE_S3_ENDPOINT";
    static final String ACCESS_KEY = "LONGRECIPE_S3_ACCESS_KEY";
    static final String SECRET_KEY = "LONGRECIPE_S3_SECRET_KEY";
    /** What the commands' help says about S3 locations. */
    static final String HELP = "Any input or --out may be s3://BUCKET/KEY: the S3 server is $" + ENDPOINT + " (with $"
            + ACCESS_KEY + ", $" + SECRET_KEY + "), else the local stack of ./longrecipe up.";

    private final LocalArtifactSource local = new LocalArtifactSource();
    private final Map<String, ArtifactStore> stores = new HashMap<>();

    static boolean isS3(String location) {
        return location != null && location.startsWith("s3://");
    }

    @Override
    public Artifact file(String what, String location, Path scratch, String fix) {
        return isS3(location) ? s3(location).file(what, location, scratch, fix)
                : local.file(what, location, scratch, fix);
    }

    @Override
    public Artifact folder(String what, String location, Path scratch, String fix) {
        return isS3(location) ? s3(location).folder(what, location, scratch, fix)
                : local.folder(what, location, scratch, fix);
    }

    @Override
    public boolean exists(String location) {
        return isS3(location) ? s3(location).exists(location) : local.exists(location);
    }

    /** The store of the bucket {@code location} (an {@code s3://} location) is in. */
    ArtifactStore store(String location) {
        String rest = location.substring("s3://".length());
        String bucket = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        return stores.computeIfAbsent(bucket, OneShotSource::connect);
    }

    private S3ArtifactSource s3(String location) {
        return new S3ArtifactSource(store(location));
    }

    private static ArtifactStore connect(String bucket) {
        String endpoint = setting("longrecipe.s3.endpoint", ENDPOINT);
        if (endpoint == null) {
            LocalStack stack = Platform.fromEnvironment().stack(); // says how to start it when it is not running
            return ArtifactStore.connect(new S3Settings(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                    bucket));
        }
        return ArtifactStore.connect(new S3Settings(endpoint, setting("longrecipe.s3.access-key", ACCESS_KEY),
                setting("longrecipe.s3.secret-key", SECRET_KEY), bucket));
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(variable);
    }
}
