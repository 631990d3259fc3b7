package dev.longrecipe.runtime;

import dev.longrecipe.schema.artifact.Locations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A bucket in a local folder: the object {@code a/b.json} is the file {@code <root>/a/b.json}. As in S3, a folder is
 * only a key prefix, so one without files is not listed. Nothing here is ever away, so {@link #withRetry} changes
 * nothing. The runner's unit tests run on it; the services use {@link ArtifactStore}.
 */
public record LocalObjectStore(String bucket, Path root) implements ObjectStore {
    /** The bucket {@code bucket} (as {@code s3://<bucket>/} locations name it) kept below {@code root}. */
    public LocalObjectStore {
        root = root.toAbsolutePath().normalize();
    }

    @Override
    public ObjectStore withRetry(OutageRetry retry) {
        return this;
    }

    @Override
    public void putText(String key, String text) {
        io(key, () -> Files.writeString(parentsOf(fileOf(key)), text, StandardCharsets.UTF_8));
    }

    @Override
    public String getText(String key, String fix) {
        return io(key, () -> Files.readString(existing(key, fix), StandardCharsets.UTF_8));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(fileOf(key));
    }

    @Override
    public void uploadFile(Path file, String key) {
        io(key, () -> Files.copy(file, parentsOf(fileOf(key)), StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public void downloadFile(String key, Path file, String fix) {
        io(key, () -> Files.copy(existing(key, fix), parentsOf(file), StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public List<String> list(String prefix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(key -> key.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the local bucket " + root, e);
        }
    }

    @Override
    public List<String> listFolders(String prefix) {
        String base = Locations.asFolder(prefix);
        return list(base).stream().map(key -> key.substring(base.length())).filter(rest -> rest.contains("/"))
                .map(rest -> base + rest.substring(0, rest.indexOf('/') + 1)).distinct().sorted().toList();
    }

    @Override
    public void copy(String fromKey, String toKey) {
        io(fromKey, () -> Files.copy(existing(fromKey, DEFAULT_FIX), parentsOf(fileOf(toKey)),
                StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public int deletePrefix(String prefix) {
        List<String> keys = list(Locations.asFolder(prefix));
        for (String key : keys) {
            io(key, () -> Files.deleteIfExists(fileOf(key)));
        }
        return keys.size();
    }

    private Path fileOf(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("key '" + key + "' names no object below the bucket's folder " + root);
        }
        return file;
    }

    private Path existing(String key, String fix) {
        Path file = fileOf(key);
        if (!Files.isRegularFile(file)) {
            throw new MissingObjectException(bucket, key, fix);
        }
        return file;
    }

    private static Path parentsOf(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return file;
    }

    @FunctionalInterface
    private interface FileCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(String key, FileCall<T> body) {
        try {
            return body.call();
        } catch (IOException e) {
            throw new UncheckedIOException("local bucket: cannot access '" + key + "': " + e.getMessage(), e);
        }
    }
}
