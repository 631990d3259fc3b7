package dev.longrecipe.runtime.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code longrecipe.s3.*} (env LONGRECIPE_S3_ENDPOINT, LONGRECIPE_S3_ACCESS_KEY …): the artifact store. */
@ConfigMapping(prefix = "longrecipe.s3")
public interface S3Config {
    /** e.g. http://127.0.0.1:9000 (MinIO / S3Proxy) */
    String endpoint();

    String accessKey();

    String secretKey();

    @WithDefault("longrecipe")
    String bucket();
}
