package dev.longrecipe.draw.sample;

/**
 * A built training sample and where its tokens came from.
 *
 * @param inputIds     token ids, shape (n)
 * @param positionIds  position ids, shape (n)
 * @param sourceTokens for each token, its offset in the document it was built from, shape (n); strictly increasing
 *                     (document order is kept); {@value #NOT_FROM_THE_DOCUMENT} for a BOS token the sample starts with
 */
public record Sample(int[] inputIds, int[] positionIds, int[] sourceTokens) {

    /** The source offset of a token the document does not hold (the model's BOS token). */
    public static final int NOT_FROM_THE_DOCUMENT = -1;

    public Sample {
        if (inputIds.length != positionIds.length || inputIds.length != sourceTokens.length) {
            throw new IllegalArgumentException("inputIds, positionIds and sourceTokens must have the same length");
        }
    }

    public int length() {
        return inputIds.length;
    }

    /** The same sample with its source offsets counted from {@code offset} tokens earlier (a slice's start). */
    public Sample withSourcesFrom(int offset) {
        int[] moved = new int[sourceTokens.length];
        for (int i = 0; i < moved.length; i++) {
            moved[i] = sourceTokens[i] == NOT_FROM_THE_DOCUMENT ? NOT_FROM_THE_DOCUMENT : sourceTokens[i] + offset;
        }
        return new Sample(inputIds, positionIds, moved);
    }
}
