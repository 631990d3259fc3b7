package dev.longrecipe.runtime.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code longrecipe.*} settings every stage service shares (env: LONGRECIPE_S3_ENDPOINT, LONGRECIPE_WORK_DIR …).
 * Kafka is configured the Quarkus way ({@code kafka.bootstrap.servers}, KAFKA_BOOTSTRAP_SERVERS).
 */
@ConfigMapping(prefix = "longrecipe")
public interface LongrecipeConfig {
    S3 s3();

    /** Local scratch for downloads and outputs; each attempt gets a fresh folder below it, deleted afterwards. */
    @WithDefault("${java.io.tmpdir}/longrecipe-work")
    Path workDir();

    StageRuntime stage();

    interface S3 {
        /** e.g. http://127.0.0.1:9000 (MinIO / S3Proxy) */
        String endpoint();

        String accessKey();

        String secretKey();

        @WithDefault("longrecipe")
        String bucket();
    }

    interface StageRuntime {
        /** Tries of an attempt when storage or the broker is unreachable, before stage.failed + dead-letter. */
        @WithDefault("3")
        int maxTries();

        /** Wait before the second try, doubled for each further one. */
        @WithDefault("2s")
        Duration retryBackoff();

        /** Least time between two stage.progress events of one attempt. */
        @WithDefault("1s")
        Duration progressInterval();
    }
}
