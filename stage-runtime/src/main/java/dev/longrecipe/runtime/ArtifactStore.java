package dev.longrecipe.runtime;

import dev.longrecipe.schema.artifact.Locations;
import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The platform bucket on S3, seen through the MinIO Java client (the {@link ObjectStore} of the services and the CLI).
 * Errors are translated: a missing object is a {@link MissingObjectException} naming
 * the key and the fix; an unreachable endpoint, a timeout, a 5xx answer or throttling (SlowDown, ServiceUnavailable,
 * InternalError, RequestTimeout) is a retriable {@link StorageUnavailableException}; every other refusal, and any bug,
 * stays fatal.
 *
 * <p>A store made {@link #withRetry} retries each single call (one get, one put, one file of a folder) within the
 * outage budget, so a transfer that fails midway is re-done alone and what was transferred before is kept; a plain
 * {@link #connect}ed store (the CLI) tries once.
 */
public final class ArtifactStore implements ObjectStore {
    private static final Set<String> MISSING_CODES = Set.of("NoSuchKey", "NoSuchObject", "NotFound");
    /** S3 error codes of a passing condition: throttling, overload, a server fault, a slow client connection. */
    private static final Set<String> RETRIABLE_CODES = Set.of("SlowDown", "ServiceUnavailable", "InternalError",
            "RequestTimeout", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests");

    private final MinioClient client;
    private final S3Settings settings;
    /** Null: every call is tried once. */
    private final OutageRetry retry;

    private ArtifactStore(MinioClient client, S3Settings settings, OutageRetry retry) {
        this.client = client;
        this.settings = settings;
        this.retry = retry;
    }

    /** The same bucket and client, each call retried by {@code retry} while S3 is away. */
    @Override
    public ArtifactStore withRetry(OutageRetry retry) {
        return new ArtifactStore(client, settings, retry);
    }

    public static ArtifactStore connect(S3Settings settings) {
        MinioClient client = MinioClient.builder()
                .endpoint(settings.endpoint())
                .credentials(settings.accessKey(), settings.secretKey())
                .build();
        return new ArtifactStore(client, settings, null);
    }

    @Override
    public String bucket() {
        return settings.bucket();
    }

    public S3Settings settings() {
        return settings;
    }

    /** Creates the bucket if it does not exist yet. */
    public void ensureBucket() {
        call("create bucket", "", () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket()).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket()).build());
            }
            return null;
        });
    }

    /** True when the bucket exists and the endpoint answers (the readiness probe: tried once, never retried). */
    public boolean bucketExists() {
        return once("check bucket", "", DEFAULT_FIX,
                () -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket()).build()));
    }

    @Override
    public void putText(String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        call("put", key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket()).object(key)
                .data(bytes, bytes.length).contentType("application/json").build()));
    }

    @Override
    public String getText(String key, String fix) {
        return call("get", key, fix, () -> {
            try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(bucket()).object(key).build())) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
    }

    @Override
    public boolean exists(String key) {
        try {
            call("stat", key, () -> client.statObject(StatObjectArgs.builder().bucket(bucket()).object(key).build()));
            return true;
        } catch (MissingObjectException e) {
            return false;
        }
    }

    @Override
    public void uploadFile(Path file, String key) {
        call("upload", key, () -> client.uploadObject(UploadObjectArgs.builder().bucket(bucket()).object(key)
                .filename(file.toString()).build()));
    }

    @Override
    public void downloadFile(String key, Path file, String fix) {
        call("download", key, fix, () -> {
            Files.createDirectories(file.toAbsolutePath().getParent());
            client.downloadObject(DownloadObjectArgs.builder().bucket(bucket()).object(key)
                    .filename(file.toString()).overwrite(true).build());
            return null;
        });
    }

    @Override
    public List<String> list(String prefix) {
        return listing(prefix, true, false);
    }

    @Override
    public List<String> listFolders(String prefix) {
        return listing(Locations.asFolder(prefix), false, true);
    }

    @Override
    public void copy(String fromKey, String toKey) {
        call("copy", fromKey, () -> client.copyObject(CopyObjectArgs.builder().bucket(bucket()).object(toKey)
                .source(SourceObject.builder().bucket(bucket()).object(fromKey).build()).build()));
    }

    @Override
    public int deletePrefix(String prefix) {
        List<String> keys = list(Locations.asFolder(prefix));
        if (keys.isEmpty()) {
            return 0;
        }
        List<DeleteRequest.Object> objects = keys.stream().map(DeleteRequest.Object::new).toList();
        return call("delete", prefix, () -> {
            for (Result<DeleteResult.Error> r : client.removeObjects(
                    RemoveObjectsArgs.builder().bucket(bucket()).objects(objects).build())) {
                DeleteResult.Error error = r.get();
                throw new StorageUnavailableException("S3 did not delete '" + error.objectName() + "': "
                        + error.code() + " " + error.message(), null);
            }
            return keys.size();
        });
    }

    private List<String> listing(String prefix, boolean recursive, boolean foldersOnly) {
        return call("list", prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket()).prefix(prefix)
                    .recursive(recursive).build())) {
                Item item = r.get();
                if (item.isDir() == foldersOnly) {
                    keys.add(item.objectName());
                }
            }
            keys.sort(null);
            return keys;
        });
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T call() throws Exception;
    }

    private <T> T call(String operation, String key, S3Call<T> body) {
        return call(operation, key, DEFAULT_FIX, body);
    }

    private <T> T call(String operation, String key, String fix, S3Call<T> body) {
        if (retry == null) {
            return once(operation, key, fix, body);
        }
        return retry.call(Dependency.S3, operation + " '" + key + "'", () -> once(operation, key, fix, body));
    }

    /** One try of one S3 call, its error classified: retriable only for a passing condition. */
    private <T> T once(String operation, String key, String fix, S3Call<T> body) {
        try {
            return body.call();
        } catch (Exception raw) {
            throw translate(operation, key, fix, unwrap(raw));
        }
    }

    private RuntimeException translate(String operation, String key, String fix, Throwable e) {
        String where = "S3 at " + settings.endpoint();
        if (e instanceof ErrorResponseException ere) {
            String code = ere.errorResponse().code();
            int status = ere.response() == null ? 0 : ere.response().code();
            if (MISSING_CODES.contains(code)) {
                return new MissingObjectException(bucket(), key, fix);
            }
            if ("NoSuchBucket".equals(code)) {
                return new IllegalStateException("bucket '" + bucket() + "' does not exist at " + settings.endpoint()
                        + "; create it (`longrecipe up` does) or set longrecipe.s3.bucket");
            }
            if ("AccessDenied".equals(code) || "InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)) {
                return new IllegalStateException(where + " refused " + operation + " of '" + key + "' (" + code
                        + "); check longrecipe.s3.access-key / secret-key");
            }
            if (RETRIABLE_CODES.contains(code) || status >= 500 || status == 429) {
                return new StorageUnavailableException(where + " answered " + code + " (HTTP " + status + ") to "
                        + operation + " '" + key + "': " + ere.errorResponse().message()
                        + "; a passing condition, the call is retried within the outage budget", ere);
            }
            return new IllegalStateException(where + " refused " + operation + " of '" + key + "': " + code + " "
                    + ere.errorResponse().message() + " (HTTP " + status + "); this will not pass by retrying:"
                    + " check the key and the S3 server's settings", ere);
        }
        if (e instanceof ServerException se) {
            return new StorageUnavailableException(where + " failed with HTTP " + se.statusCode() + " to " + operation
                    + " '" + key + "' (" + se.getMessage() + "); the call is retried within the outage budget", se);
        }
        if (e instanceof InvalidResponseException || e instanceof InsufficientDataException) {
            return new StorageUnavailableException(where + " sent a broken answer to " + operation + " '" + key
                    + "' (" + rootMessage(e) + "); the call is retried within the outage budget", e);
        }
        if (e instanceof java.nio.file.FileSystemException) {
            return new UncheckedIOException("local file error while trying to " + operation + " '" + key + "': "
                    + e.getMessage() + "; check the work folder (longrecipe.work-dir) and free disk space",
                    (IOException) e);
        }
        if (e instanceof IOException) {
            return new StorageUnavailableException(where + " is unreachable while trying to " + operation + " '"
                    + key + "' (" + rootMessage(e) + "); the call is retried within the outage budget", e);
        }
        if (e instanceof RuntimeException r) {
            return r; // missing objects, our own translations, bad arguments and bugs stay what they are
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("the S3 client failed to " + operation + " '" + key + "': " + rootMessage(e)
                + "; this is not a network outage (a client or server bug): report it with the service log", e);
    }

    /**
     * The error under the client's wrappers: MinIO's synchronous client rethrows an asynchronous failure that is not a
     * MinioException (a refused connection, a timeout) as {@code new IllegalStateException(cause)}.
     */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof IllegalStateException && t.getCause().toString().equals(t.getMessage()))) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Reads a whole object into memory (small objects only: markers, specs, reports). */
    public byte[] getBytes(String key) {
        return call("get", key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket()).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }
}
