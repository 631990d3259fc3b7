package dev.longrecipe.stack;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How {@link LocalStack#start} sets up the stack.
 *
 * @param topics            topics created once Kafka is ready (existing ones are kept as they are)
 * @param bucket            the S3 bucket created once S3Proxy is ready
 * @param accessKey         S3 access key S3Proxy accepts
 * @param secretKey         S3 secret key S3Proxy accepts
 * @param detached          true for the CLI's {@code up}: the servers outlive this JVM and are stopped with
 *                          {@link LocalStack#stop}; false (tests): they stop with {@link LocalStack#close} or
 *                          when this JVM exits, whichever comes first
 * @param temporaryStateDir true: the state directory is deleted when the stack stops
 * @param startupTimeout    how long both servers together may take to become ready
 */
public record StackOptions(List<TopicSpec> topics, String bucket, String accessKey, String secretKey,
                           boolean detached, boolean temporaryStateDir, Duration startupTimeout) {

    /** The environment variable with which {@code ./longrecipe} users set {@link #startupTimeout}, in seconds. */
    public static final String STARTUP_SECONDS_ENV = "LONGRECIPE_STACK_STARTUP_SECONDS";

    /** S3 bucket names: 3–63 lowercase letters, digits, dots and hyphens, starting and ending alphanumeric. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public StackOptions {
        topics = List.copyOf(topics);
        if (bucket == null || !BUCKET_NAME.matcher(bucket).matches()) {
            throw new IllegalArgumentException("Bucket name '" + bucket + "' is not a valid S3 bucket name: use 3 to 63"
                    + " lowercase letters, digits, '.' or '-', starting and ending with a letter or digit");
        }
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("S3 access key and secret key must both be non-blank");
        }
        if (detached && temporaryStateDir) {
            throw new IllegalArgumentException("A detached stack outlives this JVM, so its state directory cannot be"
                    + " temporary: choose detached (CLI) or temporaryStateDir (tests), not both");
        }
        if (startupTimeout == null || startupTimeout.isNegative() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("startupTimeout must be positive, but was " + startupTimeout);
        }
    }

    /**
     * No topics, bucket {@code longrecipe}, credentials {@code longrecipe} / {@code longrecipe-secret},
     * attached to this JVM, state directory kept, 90 s to start (two cores shared with builds).
     */
    public static StackOptions defaults() {
        return new StackOptions(List.of(), "longrecipe", "longrecipe", "longrecipe-secret", false, false,
                Duration.ofSeconds(90));
    }

    public StackOptions withTopics(List<TopicSpec> newTopics) {
        return new StackOptions(newTopics, bucket, accessKey, secretKey, detached, temporaryStateDir, startupTimeout);
    }

    /** Topics with one partition each. */
    public StackOptions withTopics(String... names) {
        return withTopics(Arrays.stream(names).map(TopicSpec::of).toList());
    }

    public StackOptions withBucket(String newBucket) {
        return new StackOptions(topics, newBucket, accessKey, secretKey, detached, temporaryStateDir, startupTimeout);
    }

    public StackOptions withCredentials(String newAccessKey, String newSecretKey) {
        return new StackOptions(topics, bucket, newAccessKey, newSecretKey, detached, temporaryStateDir, startupTimeout);
    }

    public StackOptions withDetached(boolean newDetached) {
        return new StackOptions(topics, bucket, accessKey, secretKey, newDetached, temporaryStateDir, startupTimeout);
    }

    public StackOptions withTemporaryStateDir(boolean newTemporary) {
        return new StackOptions(topics, bucket, accessKey, secretKey, detached, newTemporary, startupTimeout);
    }

    public StackOptions withStartupTimeout(Duration newTimeout) {
        return new StackOptions(topics, bucket, accessKey, secretKey, detached, temporaryStateDir, newTimeout);
    }
}
