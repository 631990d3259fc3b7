package dev.longrecipe.shards;

/**
 * What one training sample is drawn from, as the segmenter stores it (shard format version 2): the document restricted
 * to a span its builder planned ({@link Document#slice}), and which span of the document that is.
 *
 * @param span      the tokens, sentences and anchor flags of the span; {@code span.index()} is the document's line index
 * @param spanIndex k, the span's number within its document (0-based, in document order)
 */
public record SampleSource(Document span, int spanIndex) {
    public SampleSource {
        if (span.tokenCount() == 0 || spanIndex < 0) {
            throw new IllegalArgumentException("a sample source needs at least one token and a span index ≥ 0");
        }
    }
}
