package dev.longrecipe.schema.events;

import java.util.List;

/**
 * Impactful token analysis finished: the report and the anchor token types it chose. Topic: {@link dev.longrecipe.schema.Topics#ANALYSIS_COMPLETED}.
 *
 * @param fallbackReason why the segmenter selects anchor sentences by the released code's "digits" rule rather than
 *                       by analysed types — no reference model H′ was given, or no type stood out (the report's
 *                       statement, in words a person can act on); {@code null} when {@code anchorTypes} are to be
 *                       used. The segmenter records it in its progress message and manifest.
 */
@Field(description = "Impactful token analysis finished. Topic analysis.completed.")
public record AnalysisCompleted(
        String reportKey,
        List<String> anchorTypes,
        String anchorRule,
        @Field(optional = true, description = "why the segmenter selects anchor sentences by the released code's"
                + " digits rule (no reference model H', or no token type stood out); null or absent when anchorTypes"
                + " are to be used") String fallbackReason) implements Payload {

    public AnalysisCompleted {
        anchorTypes = anchorTypes == null ? List.of() : List.copyOf(anchorTypes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names each field, so two strings cannot trade places unseen. */
    public static final class Builder {
        private String reportKey;
        private List<String> anchorTypes = List.of();
        private String anchorRule;
        private String fallbackReason;

        private Builder() {
        }

        public Builder reportKey(String reportKey) {
            this.reportKey = reportKey;
            return this;
        }

        public Builder anchorTypes(List<String> anchorTypes) {
            this.anchorTypes = anchorTypes;
            return this;
        }

        public Builder anchorRule(String anchorRule) {
            this.anchorRule = anchorRule;
            return this;
        }

        /** Only when the segmenter is to fall back to the digits rule; leave unset otherwise. */
        public Builder fallbackReason(String fallbackReason) {
            this.fallbackReason = fallbackReason;
            return this;
        }

        public AnalysisCompleted build() {
            return new AnalysisCompleted(reportKey, anchorTypes, anchorRule, fallbackReason);
        }
    }
}
