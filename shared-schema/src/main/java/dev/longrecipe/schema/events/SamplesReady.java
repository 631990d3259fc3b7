package dev.longrecipe.schema.events;

/** Training samples (input ids + position ids) are written as shards listed in the manifest. Topic: {@link dev.longrecipe.schema.Topics#SAMPLES_READY}. */
@Field(description = "Training samples (input ids + position ids) are written as shards listed in the manifest."
        + " Topic samples.ready.")
public record SamplesReady(
        String manifestKey,
        String statsKey,
        @Field(description = "the segmentation method the samples were made with") String method,
        @Field(minimum = 0) long samples,
        @Field(minimum = 0) long tokens) implements Payload {

    public static Builder builder() {
        return new Builder();
    }

    /** Names each field, so two keys or two counts cannot trade places unseen. */
    public static final class Builder {
        private String manifestKey;
        private String statsKey;
        private String method;
        private long samples;
        private long tokens;

        private Builder() {
        }

        public Builder manifestKey(String manifestKey) {
            this.manifestKey = manifestKey;
            return this;
        }

        public Builder statsKey(String statsKey) {
            this.statsKey = statsKey;
            return this;
        }

        public Builder method(String method) {
            this.method = method;
            return this;
        }

        public Builder samples(long samples) {
            this.samples = samples;
            return this;
        }

        public Builder tokens(long tokens) {
            this.tokens = tokens;
            return this;
        }

        public SamplesReady build() {
            return new SamplesReady(manifestKey, statsKey, method, samples, tokens);
        }
    }
}
