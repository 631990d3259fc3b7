package dev.longrecipe.analyzer.types;

/**
 * One analysis sample: token ids and, when a tokenizer produced them from text, each token's character span.
 *
 * @param text      the text the tokens cover, or {@code null} for a sample given as ids only
 * @param tokenIds  (T)
 * @param charStart (T) first character of each token in {@code text}; {@code null} when {@code text} is
 * @param charEnd   (T) one past the last character of each token; {@code null} when {@code text} is
 */
public record TokenizedSample(String text, int[] tokenIds, int[] charStart, int[] charEnd) {

    public TokenizedSample {
        if (text == null) {
            if (charStart != null || charEnd != null) {
                throw new IllegalArgumentException("character spans need the text they point into");
            }
        } else if (charStart == null || charEnd == null || charStart.length != tokenIds.length
                || charEnd.length != tokenIds.length) {
            throw new IllegalArgumentException("a sample of " + tokenIds.length + " tokens needs " + tokenIds.length
                    + " character spans");
        }
    }

    /** A sample given as token ids only (no text, e.g. for models without a tokenizer). */
    public static TokenizedSample ofIds(int[] tokenIds) {
        return new TokenizedSample(null, tokenIds, null, null);
    }

    public int length() {
        return tokenIds.length;
    }

    /** The first {@code length} tokens (and the text up to the end of the last of them). */
    public TokenizedSample truncate(int length) {
        if (length >= tokenIds.length) {
            return this;
        }
        int[] ids = java.util.Arrays.copyOf(tokenIds, length);
        if (text == null) {
            return ofIds(ids);
        }
        int end = 0;
        for (int i = 0; i < length; i++) {
            end = Math.max(end, charEnd[i]);
        }
        return new TokenizedSample(text.substring(0, end), ids, java.util.Arrays.copyOf(charStart, length),
                java.util.Arrays.copyOf(charEnd, length));
    }
}
