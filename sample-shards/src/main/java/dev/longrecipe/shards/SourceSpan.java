package dev.longrecipe.shards;

/** The tokens [start, end) of a document that one sample is drawn from. */
public record SourceSpan(int start, int end) {
    public SourceSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }
}
