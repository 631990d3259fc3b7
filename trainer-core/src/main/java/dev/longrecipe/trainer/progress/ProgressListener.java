package dev.longrecipe.trainer.progress;

import java.util.Map;

/**
 * Receives one metrics map per optimizer step — the same fields as a {@code "type":"step"} line of
 * {@code training-log.jsonl} (see {@link TrainingLog}). Called on the training thread: keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = metrics -> { };

    void onProgress(Map<String, Object> metrics);
}
