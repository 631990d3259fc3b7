package dev.longrecipe.runtime;

/**
 * Where the artifact store lives: an S3-compatible endpoint (MinIO, S3Proxy, AWS), credentials and the platform
 * bucket. Services read them from {@code longrecipe.s3.endpoint}, {@code longrecipe.s3.access-key},
 * {@code longrecipe.s3.secret-key} and {@code longrecipe.s3.bucket}.
 */
public record S3Settings(String endpoint, String accessKey, String secretKey, String bucket) {
    public S3Settings {
        require(endpoint, "longrecipe.s3.endpoint", "the S3 URL, e.g. http://127.0.0.1:9000 (LONGRECIPE_S3_ENDPOINT)");
        require(accessKey, "longrecipe.s3.access-key", "the S3 access key (LONGRECIPE_S3_ACCESS_KEY)");
        require(secretKey, "longrecipe.s3.secret-key", "the S3 secret key (LONGRECIPE_S3_SECRET_KEY)");
        require(bucket, "longrecipe.s3.bucket", "the platform bucket, by default 'longrecipe'");
    }

    private static void require(String value, String name, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is not set: give " + what);
        }
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + "]";
    }
}
