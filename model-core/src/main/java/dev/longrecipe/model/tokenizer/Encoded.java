package dev.longrecipe.model.tokenizer;

/**
 * Token ids of a text with, per token, the character span it came from ({@code -1} for tokens the tokenizer added,
 * such as a BOS token).
 */
public record Encoded(long[] ids, int[] charStart, int[] charEnd) {
    public Encoded {
        if (ids.length != charStart.length || ids.length != charEnd.length) {
            throw new IllegalArgumentException("ids and offsets differ in length");
        }
    }

    public int size() {
        return ids.length;
    }
}
