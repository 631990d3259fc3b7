package dev.longrecipe.trainer;

/**
 * Told about every checkpoint once it is complete on disk (the service uploads it and publishes
 * {@code checkpoint.ready}). On a restart, the checkpoint training resumes from and every {@code final/}
 * checkpoint already on disk are announced again, so an upload a crash interrupted is redone; receivers must be
 * idempotent. An exception thrown here stops training (the checkpoint stays on disk).
 */
@FunctionalInterface
public interface CheckpointListener {
    CheckpointListener NONE = info -> { };

    void onCheckpoint(CheckpointInfo checkpoint);
}
