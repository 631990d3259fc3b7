package dev.longrecipe.trainer;

import java.nio.file.Path;

/**
 * What a finished run left in the output folder.
 *
 * @param extensionFinal  {@code <out>/extension/final}: the extended model
 * @param replayFinal     {@code <out>/replay/final}, or {@code null} when {@code trainer.replayFraction} is 0
 * @param extensionTokens tokens trained on in the extension phase
 * @param replayTokens    tokens trained on in the replay phase (0 without replay)
 * @param ropeTheta       the RoPE base the extended model was trained and saved with
 */
public record TrainingResult(Path extensionFinal, Path replayFinal, long extensionTokens, long replayTokens,
                             double ropeTheta) {
    /** The model the merger averages with the base model: replay final, or extension final without replay. */
    public Path mergeInput() {
        return replayFinal != null ? replayFinal : extensionFinal;
    }
}
