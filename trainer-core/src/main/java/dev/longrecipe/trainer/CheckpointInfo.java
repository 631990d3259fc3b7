package dev.longrecipe.trainer;

import java.nio.file.Path;

/**
 * A checkpoint that is complete on disk (a Hugging Face model folder plus trainer state).
 *
 * @param phase         extension | replay
 * @param phaseComplete {@code true} for a phase's {@code final/} checkpoint
 * @param step          optimizer steps done in the phase
 * @param tokens        tokens trained on in the phase
 * @param loss          loss of the last step before the checkpoint
 * @param dir           the folder, e.g. {@code <out>/extension/step-50} or {@code <out>/replay/final}
 * @param lastOfRun     {@code true} for the checkpoint the merger takes: replay final, or extension final when
 *                      {@code trainer.replayFraction} is 0
 */
public record CheckpointInfo(Phase phase, boolean phaseComplete, long step, long tokens, double loss, Path dir,
                             boolean lastOfRun) {
}
