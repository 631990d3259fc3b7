package dev.longrecipe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The log files of the stack's servers and the CLI's services: appended across restarts (the output of a
 * process that crashed is the evidence of why), a banner line at each start, and rotated by size so they
 * cannot fill the disk: {@code name.log} plus {@code name.log.1} (newest) … {@code name.log.3} (oldest),
 * 10 MB each.
 *
 * <p>Processes write their log directly (stdout and stderr redirected in append mode), so there is no
 * logging thread to rotate for them. A log is rotated by renaming when a process is about to start
 * ({@link #beforeStart}), and by copying and truncating while its process runs ({@link #rotateLive}): the
 * process appends ({@code O_APPEND}), so after the truncation its next line lands at the start of the
 * emptied file. Lines written between the copy and the truncation are lost — the price of rotating a file
 * someone else holds open, as with logrotate's {@code copytruncate}.
 */
public final class LogFiles {

    /** A log is rotated once it reaches this size. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    /** Rotated logs kept: {@code .1} to {@code .3}. */
    public static final int BACKUPS = 3;
    /** How a start banner begins, so a reader (or grep) finds each start in an appended log. */
    public static final String BANNER_PREFIX = "===== ";

    private LogFiles() {
    }

    /**
     * Rotates {@code log} (by renaming) if it has reached {@link #MAX_BYTES}, and returns its size afterwards:
     * the offset where the next start's output begins.
     */
    public static long beforeStart(Path log) {
        return beforeStart(log, MAX_BYTES, BACKUPS);
    }

    static long beforeStart(Path log, long maxBytes, int backups) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            if (size(log) >= maxBytes) {
                shiftBackups(log, backups);
                Files.move(log, backup(log, 1), StandardCopyOption.REPLACE_EXISTING);
            }
            return size(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate " + log + " (check the permissions and free space of "
                    + log.getParent() + ")", e);
        }
    }

    /** Rotates the log of a running process (copy, then truncate) if it has reached {@link #MAX_BYTES}. */
    public static boolean rotateLive(Path log) {
        return rotateLive(log, MAX_BYTES, BACKUPS);
    }

    static boolean rotateLive(Path log, long maxBytes, int backups) {
        try {
            if (size(log) < maxBytes) {
                return false;
            }
            shiftBackups(log, backups);
            Files.copy(log, backup(log, 1), StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
                channel.truncate(0);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate " + log + " (check the permissions and free space of "
                    + log.getParent() + ")", e);
        }
    }

    /**
     * Appends one line saying that {@code component} started as {@code pid}, e.g.
     * {@code ===== 2025-01-31T12:00:00Z kafka started, pid 4242 =====}.
     */
    public static void banner(Path log, String component, long pid) {
        String line = BANNER_PREFIX + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + component
                + " started, pid " + pid + " =====" + System.lineSeparator();
        try {
            // one write() in append mode: it cannot interleave with a line of the process itself
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + log, e);
        }
    }

    /** {@code name.log.n}. */
    public static Path backup(Path log, int n) {
        return log.resolveSibling(log.getFileName() + "." + n);
    }

    private static void shiftBackups(Path log, int backups) throws IOException {
        Files.deleteIfExists(backup(log, backups));
        for (int n = backups - 1; n >= 1; n--) {
            if (Files.exists(backup(log, n))) {
                Files.move(backup(log, n), backup(log, n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static long size(Path log) throws IOException {
        return Files.exists(log) ? Files.size(log) : 0;
    }
}
