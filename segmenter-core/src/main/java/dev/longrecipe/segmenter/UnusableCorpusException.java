package dev.longrecipe.segmenter;

/**
 * The corpus produced no samples at all. Fatal for the attempt (retrying the same input cannot help); the
 * message names what was wrong with the corpus and what to change. The statistics gathered so far are in
 * {@link #stats()} (and in stats.json of the output folder).
 */
public final class UnusableCorpusException extends RuntimeException {

    private final SegmenterStats stats;

    public UnusableCorpusException(String reason, SegmenterStats stats) {
        super(reason);
        this.stats = stats;
    }

    public SegmenterStats stats() {
        return stats;
    }
}
