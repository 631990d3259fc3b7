package dev.longrecipe.runtime;

import dev.longrecipe.files.FileTrees;
import dev.longrecipe.schema.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The per-attempt scratch folders of one stage below the work root: {@code <stage>-<run>-<attempt>-<random>/},
 * each holding an {@value #OWNER_FILE} that names the process (pid and start time) working in it. An attempt deletes
 * its folder when it ends; a killed one cannot, so at start-up the folders whose owner process is gone are deleted
 * ({@link #cleanDead}) — the pid alone is not enough, containers restart with the same pid.
 */
final class ScratchFolders {
    private static final Logger LOG = Logger.getLogger(ScratchFolders.class);
    static final String OWNER_FILE = ".owner";

    private final Path workRoot;
    private final Stage stage;

    ScratchFolders(Path workRoot, Stage stage) {
        this.workRoot = workRoot;
        this.stage = stage;
    }

    Path create(String runId, int attempt) throws IOException {
        Files.createDirectories(workRoot);
        Path dir = Files.createTempDirectory(workRoot, stage.id() + "-" + runId + "-" + attempt + "-");
        Files.writeString(dir.resolve(OWNER_FILE), owner(ProcessHandle.current()));
        return dir;
    }

    private static String owner(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** Deletes this stage's folders whose owner process no longer runs; returns the bytes freed. */
    long cleanDead() {
        if (!Files.isDirectory(workRoot)) {
            return 0;
        }
        long freed = 0;
        int folders = 0;
        List<Path> candidates;
        try (Stream<Path> list = Files.list(workRoot)) {
            candidates = list.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith(stage.id() + "-")).toList();
        } catch (IOException e) {
            LOG.warnf("could not list the work folder %s to clean dead attempts' scratch: %s", workRoot,
                    e.getMessage());
            return 0;
        }
        for (Path dir : candidates) {
            if (ownerAlive(dir)) {
                continue;
            }
            long size = size(dir);
            delete(dir);
            if (!Files.exists(dir)) {
                freed += size;
                folders++;
                LOG.infof("deleted the scratch folder %s of a %s attempt that did not end (%d MB)", dir, stage.id(),
                        size / 1_000_000);
            }
        }
        if (folders > 0) {
            LOG.infof("cleaned %d scratch folder(s) of dead %s attempts in %s: %.1f MB freed", folders, stage.id(),
                    workRoot, freed / 1e6);
        }
        return freed;
    }

    private static boolean ownerAlive(Path dir) {
        Path file = dir.resolve(OWNER_FILE);
        String recorded;
        try {
            recorded = Files.readString(file).trim();
        } catch (IOException e) {
            return false; // an older build's folder or a half-made one: nobody works in it
        }
        String[] parts = recorded.split(" ");
        try {
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            return process.isPresent() && process.get().info().startInstant()
                    .map(i -> started == 0 || Math.abs(i.toEpochMilli() - started) < 1_000).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    static void delete(Path dir) {
        if (!FileTrees.deleteQuietly(dir)) {
            LOG.warnf("could not delete work folder %s; the clean-up at the service's next start removes it", dir);
        }
    }
}
