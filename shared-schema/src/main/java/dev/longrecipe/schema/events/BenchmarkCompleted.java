package dev.longrecipe.schema.events;

import java.util.Map;

/** Benchmarks finished: results.json, the HTML report and headline scores. Topic: {@link dev.longrecipe.schema.Topics#BENCHMARK_COMPLETED}. */
@Field(description = "Benchmarks finished: results.json, the HTML report and headline scores. Topic"
        + " benchmark.completed.")
public record BenchmarkCompleted(
        String resultsKey,
        String reportKey,
        @Field(description = "headline scores: <model>.<benchmark> -> score") Map<String, Double> summary)
        implements Payload {

    public static Builder builder() {
        return new Builder();
    }

    /** Names each field, so the two keys cannot trade places unseen. */
    public static final class Builder {
        private String resultsKey;
        private String reportKey;
        private Map<String, Double> summary = Map.of();

        private Builder() {
        }

        /** results.json of the attempt. */
        public Builder resultsKey(String resultsKey) {
            this.resultsKey = resultsKey;
            return this;
        }

        /** report.html of the attempt. */
        public Builder reportKey(String reportKey) {
            this.reportKey = reportKey;
            return this;
        }

        public Builder summary(Map<String, Double> summary) {
            this.summary = summary;
            return this;
        }

        public BenchmarkCompleted build() {
            return new BenchmarkCompleted(resultsKey, reportKey, summary);
        }
    }
}
