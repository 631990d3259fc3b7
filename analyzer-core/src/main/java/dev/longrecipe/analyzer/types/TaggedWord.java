package dev.longrecipe.analyzer.types;

/**
 * A word of a text with its Universal POS tag.
 *
 * @param start first character (inclusive)
 * @param end   one past the last character
 * @param upos  UPOS tag (a contraction may carry a combined tag such as "PRON+AUX")
 */
public record TaggedWord(int start, int end, String upos) {
    public TaggedWord {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad word span [" + start + ", " + end + ")");
        }
    }
}
