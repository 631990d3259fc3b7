package dev.longrecipe.trainer.service;

import dev.longrecipe.runtime.ObjectStore;
import dev.longrecipe.trainer.CheckpointInfo;
import dev.longrecipe.trainer.Phase;
import dev.longrecipe.trainer.checkpoint.CheckpointFiles;
import dev.longrecipe.trainer.progress.TrainingLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mirrors the trainer's output folder and the attempt's prefix in S3: {@code <out>/extension/step-N/} ↔
 * {@code <attempt>/extension/step-N/}, and so on. A checkpoint's {@code trainer-checkpoint.json} is uploaded after
 * all its other files, so a folder in S3 without it is an upload a crash cut short and is ignored on restore.
 * Step checkpoints the trainer retired locally (keepLast) are deleted from S3 too. A re-run that resumes from an
 * earlier attempt first {@link #copyFrom copies} that attempt's complete checkpoints (S3 server-side copies).
 */
final class CheckpointSync {
    private final ObjectStore store;
    private final String attemptPrefix;
    private final Path outDir;

    CheckpointSync(ObjectStore store, String attemptPrefix, Path outDir) {
        this.store = store;
        this.attemptPrefix = attemptPrefix;
        this.outDir = outDir;
    }

    /** The S3 folder key of a local checkpoint folder. */
    String keyOf(Path checkpointDir) {
        return attemptPrefix + outDir.relativize(checkpointDir).toString().replace('\\', '/') + "/";
    }

    /**
     * Downloads the complete checkpoints and the training log of an earlier try of this attempt; returns the local
     * checkpoint folders, in the order they were written (extension before replay, steps ascending, final last).
     */
    List<Path> restore() {
        List<Path> restored = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            for (String folder : completeCheckpoints(attemptPrefix, phase)) {
                Path dir = outDir.resolve(phase.id()).resolve(name(folder));
                store.downloadFolder(folder, dir);
                restored.add(dir);
            }
        }
        if (store.exists(attemptPrefix + TrainingLog.FILE)) {
            store.downloadFile(attemptPrefix + TrainingLog.FILE, outDir.resolve(TrainingLog.FILE));
        }
        return restored;
    }

    /**
     * Copies the complete checkpoints (and the training log) of another attempt, {@code fromPrefix}, into this
     * attempt's prefix, each checkpoint's {@code trainer-checkpoint.json} last; checkpoints already complete here are
     * left alone, so a copy cut short is finished by the next try. Returns how many checkpoints were copied.
     */
    int copyFrom(String fromPrefix) {
        int copied = 0;
        for (Phase phase : Phase.values()) {
            for (String folder : completeCheckpoints(fromPrefix, phase)) {
                String target = attemptPrefix + phase.id() + "/" + name(folder) + "/";
                if (store.exists(target + CheckpointFiles.META_FILE)) {
                    continue;
                }
                for (String key : store.list(folder)) {
                    if (!key.endsWith("/" + CheckpointFiles.META_FILE)) {
                        store.copy(key, target + key.substring(folder.length()));
                    }
                }
                store.copy(folder + CheckpointFiles.META_FILE, target + CheckpointFiles.META_FILE);
                copied++;
            }
        }
        if (store.exists(fromPrefix + TrainingLog.FILE) && !store.exists(attemptPrefix + TrainingLog.FILE)) {
            store.copy(fromPrefix + TrainingLog.FILE, attemptPrefix + TrainingLog.FILE);
        }
        return copied;
    }

    /** The folders below {@code prefix/<phase>/} that hold a complete checkpoint, in the order they were written. */
    private List<String> completeCheckpoints(String prefix, Phase phase) {
        List<String> complete = new ArrayList<>();
        for (String folder : store.listFolders(prefix + phase.id() + "/")) {
            if (store.exists(folder + CheckpointFiles.META_FILE)) {
                complete.add(folder);
            }
        }
        complete.sort(Comparator.comparingLong(CheckpointSync::writeOrder));
        return complete;
    }

    private static long writeOrder(String folder) {
        String name = name(folder);
        if (name.startsWith("step-")) {
            try {
                return Long.parseLong(name.substring("step-".length()));
            } catch (NumberFormatException e) {
                return Long.MAX_VALUE - 1;
            }
        }
        return Long.MAX_VALUE; // final
    }

    private static String name(String folder) {
        String name = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /**
     * Uploads a checkpoint unless a complete copy is already there; returns {@code true} if it uploaded.
     * Then removes retired step checkpoints from S3 and uploads the training log.
     */
    boolean upload(CheckpointInfo checkpoint) {
        String key = keyOf(checkpoint.dir());
        boolean uploaded = false;
        if (!store.exists(key + CheckpointFiles.META_FILE)) {
            try (Stream<Path> files = Files.walk(checkpoint.dir())) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = checkpoint.dir().relativize(file).toString().replace('\\', '/');
                    if (!relative.equals(CheckpointFiles.META_FILE)) {
                        store.uploadFile(file, key + relative);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoint " + checkpoint.dir(), e);
            }
            store.uploadFile(checkpoint.dir().resolve(CheckpointFiles.META_FILE), key + CheckpointFiles.META_FILE);
            uploaded = true;
        }
        pruneRetired(checkpoint.phase());
        Path log = outDir.resolve(TrainingLog.FILE);
        if (Files.isRegularFile(log)) {
            store.uploadFile(log, attemptPrefix + TrainingLog.FILE);
        }
        return uploaded;
    }

    private void pruneRetired(Phase phase) {
        List<String> folders = store.listFolders(attemptPrefix + phase.id() + "/");
        for (String folder : folders) {
            String name = folder.substring(0, folder.length() - 1);
            name = name.substring(name.lastIndexOf('/') + 1);
            if (name.startsWith("step-") && !Files.isDirectory(outDir.resolve(phase.id()).resolve(name))) {
                store.deletePrefix(folder);
            }
        }
    }
}
