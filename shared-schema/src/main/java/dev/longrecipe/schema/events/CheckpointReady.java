package dev.longrecipe.schema.events;

/**
 * A Hugging Face checkpoint folder was written by the trainer (phase {@code extension} or {@code replay}).
 * {@code lastOfRun} marks the trainer's final model of the attempt — the replay phase's final checkpoint, or the
 * extension phase's when {@code trainer.replayFraction} is 0 — the one the merger merges with the base model.
 * Topic: {@link dev.longrecipe.schema.Topics#CHECKPOINT_READY}.
 *
 * @param extendedModelKey the extension phase's final checkpoint; {@code null} while the extension phase runs
 */
@Field(description = "A trainer checkpoint (HF folder) is written. Topic checkpoint.ready.")
public record CheckpointReady(
        @Field(oneOf = {"extension", "replay"}) String phase,
        boolean phaseComplete,
        @Field(description = "the trainer's final model of the attempt: what the merger merges") boolean lastOfRun,
        String checkpointKey,
        String baseModelKey,
        @Field(optional = true, description = "the extension phase's final checkpoint; null while the extension"
                + " phase runs") String extendedModelKey,
        @Field(minimum = 0) long step,
        @Field(minimum = 0) long tokens,
        double loss) implements Payload {

    public static Builder builder() {
        return new Builder();
    }

    /** Names each field, so two keys or two counts cannot trade places unseen. */
    public static final class Builder {
        private String phase;
        private boolean phaseComplete;
        private boolean lastOfRun;
        private String checkpointKey;
        private String baseModelKey;
        private String extendedModelKey;
        private long step;
        private long tokens;
        private double loss;

        private Builder() {
        }

        /** {@code extension} or {@code replay}. */
        public Builder phase(String phase) {
            this.phase = phase;
            return this;
        }

        public Builder phaseComplete(boolean phaseComplete) {
            this.phaseComplete = phaseComplete;
            return this;
        }

        public Builder lastOfRun(boolean lastOfRun) {
            this.lastOfRun = lastOfRun;
            return this;
        }

        public Builder checkpointKey(String checkpointKey) {
            this.checkpointKey = checkpointKey;
            return this;
        }

        public Builder baseModelKey(String baseModelKey) {
            this.baseModelKey = baseModelKey;
            return this;
        }

        /** Leave unset (null) while the extension phase has no final checkpoint. */
        public Builder extendedModelKey(String extendedModelKey) {
            this.extendedModelKey = extendedModelKey;
            return this;
        }

        public Builder step(long step) {
            this.step = step;
            return this;
        }

        public Builder tokens(long tokens) {
            this.tokens = tokens;
            return this;
        }

        public Builder loss(double loss) {
            this.loss = loss;
            return this;
        }

        public CheckpointReady build() {
            return new CheckpointReady(phase, phaseComplete, lastOfRun, checkpointKey, baseModelKey, extendedModelKey,
                    step, tokens, loss);
        }
    }
}
