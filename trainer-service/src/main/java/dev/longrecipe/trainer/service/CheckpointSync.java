package dev.longrecipe.trainer.service;

import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.trainer.CheckpointInfo;
import dev.longrecipe.trainer.Phase;
import dev.longrecipe.trainer.checkpoint.CheckpointFiles;
import dev.longrecipe.trainer.progress.TrainingLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mirrors the trainer's output folder and the attempt's prefix in S3: {@code <out>/extension/step-N/} ↔
 * {@code <attempt>/extension/step-N/}, and so on. A checkpoint's {@code trainer-checkpoint.json} is uploaded after
 * all its other files, so a folder in S3 without it is an upload a crash cut short and is ignored on restore.
 * Step checkpoints the trainer retired locally (keepLast) are deleted from S3 too.
 */
final class CheckpointSync {
    private final ArtifactStore store;
    private final String attemptPrefix;
    private final Path outDir;

    CheckpointSync(ArtifactStore store, String attemptPrefix, Path outDir) {
        this.store = store;
        this.attemptPrefix = attemptPrefix;
        this.outDir = outDir;
    }

    /** The S3 folder key of a local checkpoint folder. */
    String keyOf(Path checkpointDir) {
        return attemptPrefix + outDir.relativize(checkpointDir).toString().replace('\\', '/') + "/";
    }

    /** Downloads the complete checkpoints and the training log of an earlier try of this attempt. */
    void restore() {
        for (Phase phase : Phase.values()) {
            for (String folder : store.listFolders(attemptPrefix + phase.id() + "/")) {
                if (store.exists(folder + CheckpointFiles.META_FILE)) {
                    String name = folder.substring(0, folder.length() - 1);
                    name = name.substring(name.lastIndexOf('/') + 1);
                    store.downloadFolder(folder, outDir.resolve(phase.id()).resolve(name));
                }
            }
        }
        if (store.exists(attemptPrefix + TrainingLog.FILE)) {
            store.downloadFile(attemptPrefix + TrainingLog.FILE, outDir.resolve(TrainingLog.FILE));
        }
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
