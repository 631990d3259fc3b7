package dev.longrecipe.trainer.checkpoint;

/**
 * {@code trainer-checkpoint.json} inside every checkpoint folder: where training stood, and what it depended on
 * (so a resume with other samples or other settings is refused instead of silently diverging).
 *
 * @param phase             extension | replay
 * @param phaseComplete     a {@code final/} checkpoint
 * @param step              optimizer steps done in the phase
 * @param steps             steps the phase runs in total
 * @param tokens            tokens trained on in the phase
 * @param loss              loss of the last step
 * @param cursor            samples of the phase consumed (the data position to resume from)
 * @param dataFingerprint   the phase's shard files and sample counts
 * @param settings          the trainer settings and seed the phase ran with (JSON)
 * @param ropeTheta         RoPE base of the saved model
 * @param maxPositionEmbeddings window recorded in the saved config.json (L′)
 */
public record CheckpointMeta(String phase, boolean phaseComplete, long step, long steps, long tokens, double loss,
                             long cursor, String dataFingerprint, String settings, double ropeTheta,
                             int maxPositionEmbeddings) {
}
