package dev.longrecipe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.artifact.Locations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The platform bucket as the runner and the stages use it: text and JSON objects, files, and folders (a Hugging Face
 * model folder is a key prefix). {@link ArtifactStore} is the bucket on S3; {@link LocalObjectStore} is a bucket in a
 * local folder, for the runner's unit tests. A missing object is a {@link MissingObjectException} naming the key and
 * {@code fix}, what the reader should do.
 *
 * <p>Folder prefixes end with {@code /}; a prefix without one gets it added.
 */
public interface ObjectStore {
    String DEFAULT_FIX = "upload it or check the run spec's locations and the event's keys";

    String bucket();

    /** The same bucket, each call retried by {@code retry} while the store is away. */
    ObjectStore withRetry(OutageRetry retry);

    void putText(String key, String text);

    /** Reads a UTF-8 object; {@code fix} is what the missing-object error tells the reader to do. */
    String getText(String key, String fix);

    boolean exists(String key);

    void uploadFile(Path file, String key);

    /** Downloads one object; {@code fix} is what the missing-object error tells the reader to do. */
    void downloadFile(String key, Path file, String fix);

    /** Every object key below {@code prefix} (recursive), sorted. */
    List<String> list(String prefix);

    /** The immediate sub-folders of {@code prefix}, each ending with '/', sorted. */
    List<String> listFolders(String prefix);

    void copy(String fromKey, String toKey);

    /** Deletes every object below {@code prefix}; returns how many were deleted. */
    int deletePrefix(String prefix);

    /**
     * The key of a location given in a run spec or event: {@code s3://<bucket>/<key>} (the bucket must be the
     * platform bucket) or a bare key (one leading '/' is dropped). Locations come from users and events, so a key
     * with a {@code ..} segment, or one still absolute after that '/' is dropped, is refused: it could reach outside
     * the prefix it claims (or outside a download folder).
     */
    default String keyOf(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("empty object location; give a key or s3://" + bucket() + "/<key>");
        }
        String key;
        if (!location.startsWith("s3://")) {
            key = location.startsWith("/") ? location.substring(1) : location;
        } else {
            String rest = location.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (!bucket.equals(bucket())) {
                throw new IllegalArgumentException("location '" + location + "' is in bucket '" + bucket
                        + "' but this platform reads only bucket '" + bucket() + "'; copy the object there"
                        + " (or set longrecipe.s3.bucket)");
            }
            key = slash < 0 ? "" : rest.substring(slash + 1);
        }
        if (key.startsWith("/") || key.startsWith("\\")) {
            throw new IllegalArgumentException("location '" + location + "' is an absolute key ('" + key + "'); give"
                    + " a key relative to the bucket, e.g. s3://" + bucket() + "/inputs/<run>/model/");
        }
        for (String segment : key.split("[/\\\\]", -1)) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("location '" + location + "' has a '..' segment, which could reach"
                        + " outside its prefix; give the key without '..', e.g. s3://" + bucket()
                        + "/inputs/<run>/model/");
            }
        }
        return key;
    }

    default String getText(String key) {
        return getText(key, DEFAULT_FIX);
    }

    default void putJson(String key, Object value) {
        putText(key, Json.writePretty(value));
    }

    default <T> T getJson(String key, Class<T> type) {
        String text = getText(key);
        try {
            return Json.MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("object '" + key + "' is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage() + "; rewrite or delete it");
        }
    }

    /** Uploads every file below {@code dir} to {@code prefix + relativePath}, one call a file; returns the keys. */
    default List<String> uploadFolder(Path dir, String prefix) {
        String base = Locations.asFolder(prefix);
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String key = base + dir.relativize(file).toString().replace('\\', '/');
                uploadFile(file, key);
                keys.add(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read local folder " + dir, e);
        }
        return keys;
    }

    default void downloadFile(String key, Path file) {
        downloadFile(key, file, DEFAULT_FIX);
    }

    /**
     * Downloads every object below {@code prefix} into {@code dir}, keeping relative paths (a model folder).
     * An empty prefix is a {@link MissingObjectException}: a folder with no files is never what a stage wants.
     */
    default Path downloadFolder(String prefix, Path dir) {
        return downloadFolder(prefix, dir, DEFAULT_FIX);
    }

    default Path downloadFolder(String prefix, Path dir, String fix) {
        String base = Locations.asFolder(prefix);
        List<String> keys = list(base);
        if (keys.isEmpty()) {
            throw new MissingObjectException(bucket(), base, "no objects exist below this prefix; " + fix);
        }
        Path root = dir.toAbsolutePath().normalize();
        for (String key : keys) {
            Path target = root.resolve(key.substring(base.length())).normalize();
            if (!target.startsWith(root)) {
                throw new IllegalArgumentException("object '" + key + "' would be written outside " + root
                        + "; rename it without '..' segments");
            }
            downloadFile(key, target);
        }
        return root;
    }
}
