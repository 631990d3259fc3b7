package dev.longrecipe.trainer.data;

/**
 * Refuses samples the model cannot be trained on as configured: longer than the window, position ids outside
 * [0, window), token ids outside the vocabulary, or fewer than two tokens (no next-token target).
 */
public record SampleWindowCheck(int window, int vocabSize) {

    public SampleWindowCheck {
        if (window <= 1 || vocabSize <= 0) {
            throw new IllegalArgumentException("window must be > 1 and vocab size positive, got window=" + window
                    + ", vocab=" + vocabSize);
        }
    }

    /** @param where names the sample for the error (shard file and index) */
    public void check(TrainingSample sample, String where) {
        int n = sample.length();
        if (n < 2) {
            throw new InvalidSampleException(where + " has " + n + " tokens; a training sample needs at least 2"
                    + " (one input and its next-token target). Rebuild the samples with the segmenter.");
        }
        if (n > window) {
            throw new InvalidSampleException(where + " has " + n + " tokens, more than the configured window of "
                    + window + " (L′). Rebuild the samples for this targetLength, or raise targetLength in the run spec.");
        }
        int[] positions = sample.positionIds();
        for (int i = 0; i < n; i++) {
            int p = positions[i];
            if (p < 0 || p >= window) {
                throw new InvalidSampleException(where + " has position id " + p + " at token " + i
                        + ", outside the configured window [0, " + window + ") (L′). Rebuild the samples for this"
                        + " targetLength, or raise targetLength in the run spec.");
            }
        }
        int[] ids = sample.inputIds();
        for (int i = 0; i < n; i++) {
            if (ids[i] < 0 || ids[i] >= vocabSize) {
                throw new InvalidSampleException(where + " has token id " + ids[i] + " at token " + i
                        + ", outside the model's vocabulary [0, " + vocabSize + "). The samples were tokenized with"
                        + " another tokenizer than the base model's; rebuild them with the base model's tokenizer.json.");
            }
        }
    }
}
