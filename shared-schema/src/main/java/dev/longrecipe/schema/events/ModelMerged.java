package dev.longrecipe.schema.events;

import java.util.List;

/**
 * The merged model (the spec's merge of base, extended and replay weights) is written as a Hugging Face folder; with
 * {@code merger.sweep}, one more merged model per λ_base value, listed in {@code sweep}. Topic:
 * {@link dev.longrecipe.schema.Topics#MODEL_MERGED}.
 */
@Field(description = "The merged model is written (and, with merger.sweep, one more merged model per lambda_base"
        + " value). Topic model.merged.")
public record ModelMerged(
        String modelKey,
        String baseModelKey,
        String extendedModelKey,
        String replayModelKey,
        String method,
        @Field(optional = true, description = "merger.sweep: one merged model per lambda_base (the base model's"
                + " share); absent or empty without a sweep") List<SweepModel> sweep) implements Payload {

    /** One merged model of a λ sweep: the base model's share and where the model is. */
    public record SweepModel(@Field(minimum = 0, maximum = 1) double lambdaBase,
                             @Field(minLength = 1) String modelKey) {
        public SweepModel {
            Events.require(modelKey, "sweep[].modelKey");
        }
    }

    public ModelMerged {
        sweep = sweep == null ? List.of() : List.copyOf(sweep); // absent in events of older mergers: no sweep
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names each field, so the four model keys cannot trade places unseen. */
    public static final class Builder {
        private String modelKey;
        private String baseModelKey;
        private String extendedModelKey;
        private String replayModelKey;
        private String method;
        private List<SweepModel> sweep = List.of();

        private Builder() {
        }

        /** The merged model of the spec's merge. */
        public Builder modelKey(String modelKey) {
            this.modelKey = modelKey;
            return this;
        }

        public Builder baseModelKey(String baseModelKey) {
            this.baseModelKey = baseModelKey;
            return this;
        }

        public Builder extendedModelKey(String extendedModelKey) {
            this.extendedModelKey = extendedModelKey;
            return this;
        }

        public Builder replayModelKey(String replayModelKey) {
            this.replayModelKey = replayModelKey;
            return this;
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        public Builder sweep(List<SweepModel> sweep) {
            this.sweep = sweep;
            return this;
        }

        public ModelMerged build() {
            return new ModelMerged(modelKey, baseModelKey, extendedModelKey, replayModelKey, method, sweep);
        }
    }
}
