package dev.longrecipe.trainer.checkpoint;


import dev.longrecipe.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The checkpoints of one phase under {@code <out>/<phase>/}: {@code step-N/} every few steps and {@code final/} at
 * the phase end. A checkpoint is written into a hidden temporary folder and renamed into place in one atomic
 * move, so a process killed at any moment leaves either the whole checkpoint or none; leftovers of such a kill are
 * removed when the store is opened. Old step checkpoints are retired the same way (renamed away, then deleted),
 * so listing never sees half-deleted folders.
 */
public final class CheckpointStore {
    public static final String FINAL = "final";
    private static final String STEP_PREFIX = "step-";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String TRASH_PREFIX = ".trash-";

    private final Path phaseDir;
    private final int keepLast;

    public CheckpointStore(Path phaseDir, int keepLast) {
        if (keepLast < 1) {
            throw new IllegalArgumentException("trainer.keepLast must be at least 1 (the checkpoint to resume from)"
                    + " but was " + keepLast);
        }
        this.phaseDir = phaseDir;
        this.keepLast = keepLast;
        try {
            Files.createDirectories(phaseDir);
            try (Stream<Path> list = Files.list(phaseDir)) {
                for (Path p : list.toList()) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(".")) { // our temporaries, trash, and the model writer's staging folders
                        FileTrees.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare checkpoint folder " + phaseDir + ": " + e.getMessage(), e);
        }
    }

    public Path phaseDir() {
        return phaseDir;
    }

    public Path stepDir(long step) {
        return phaseDir.resolve(STEP_PREFIX + step);
    }

    public Path finalDir() {
        return phaseDir.resolve(FINAL);
    }

    public boolean hasFinal() {
        return Files.isDirectory(finalDir());
    }

    /** Step checkpoints, oldest first. */
    public List<Long> steps() {
        try (Stream<Path> list = Files.list(phaseDir)) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(STEP_PREFIX) && n.substring(STEP_PREFIX.length()).matches("\\d+"))
                    .map(n -> Long.parseLong(n.substring(STEP_PREFIX.length())))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + phaseDir, e);
        }
    }

    /** The newest step checkpoint, if any. */
    public Optional<Path> latestStep() {
        List<Long> steps = steps();
        return steps.isEmpty() ? Optional.empty() : Optional.of(stepDir(steps.get(steps.size() - 1)));
    }

    /** Something that creates a folder (it does not exist yet) and fills it with a checkpoint's files. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(Path newDir) throws IOException;
    }

    /** Writes a step checkpoint atomically, then retires step checkpoints beyond the newest {@code keepLast}. */
    public Path writeStep(long step, Contents contents) {
        Path target = write(stepDir(step), contents);
        List<Long> steps = steps();
        for (int i = 0; i < steps.size() - keepLast; i++) {
            retire(stepDir(steps.get(i)));
        }
        return target;
    }

    /** Writes the phase's final checkpoint atomically; step checkpoints are no longer needed and are retired. */
    public Path writeFinal(Contents contents) {
        Path target = write(finalDir(), contents);
        for (long s : steps()) {
            retire(stepDir(s));
        }
        return target;
    }

    private Path write(Path target, Contents contents) {
        Path temp = phaseDir.resolve(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        try {
            contents.writeTo(temp);
            if (!Files.isDirectory(temp)) {
                throw new IOException("the checkpoint writer created no folder at " + temp);
            }
            if (Files.exists(target)) {
                retire(target);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException | UncheckedIOException e) {
            FileTrees.deleteQuietly(temp);
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new CheckpointWriteException(describe(target, io), io);
        }
    }

    private String describe(Path target, IOException e) {
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : String.valueOf(e.getMessage());
        long free = -1;
        try {
            free = Files.getFileStore(phaseDir).getUsableSpace();
        } catch (IOException ignored) {
            // the message below then omits the free space
        }
        boolean full = reason.toLowerCase().contains("no space left") || reason.toLowerCase().contains("disk quota");
        String where = "writing checkpoint " + target + " failed: " + reason;
        String keep = latestStep().map(p -> "; the previous checkpoint " + p + " is intact and training resumes from it")
                .orElse("; no earlier checkpoint of this phase exists");
        if (full) {
            return "disk full: " + where + (free >= 0 ? " (" + free / (1 << 20) + " MiB free)" : "")
                    + ". Free space on that disk or give the trainer an output folder on a larger one, then re-run"
                    + keep;
        }
        return where + keep;
    }

    private void retire(Path dir) {
        Path trash = phaseDir.resolve(TRASH_PREFIX + dir.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
            FileTrees.delete(trash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove old checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }
}
