package dev.longrecipe.shards;

import java.util.Arrays;

/**
 * A tokenised document: its tokens laid end to end, where each sentence starts, and which sentences are
 * anchors.
 *
 * @param index          the document's line index in the corpus (0-based, blank and bad lines counted), the
 *                       identity used for per-sample seeds and partitioning
 * @param tokens         all token ids, sentence after sentence, shape (T)
 * @param sentenceStarts token offset of each sentence plus T at the end, shape (S + 1), strictly increasing
 * @param anchor         anchor flag per sentence, shape (S)
 */
public record Document(long index, int[] tokens, int[] sentenceStarts, boolean[] anchor) {

    public Document {
        if (sentenceStarts.length != anchor.length + 1 || sentenceStarts[0] != 0
                || sentenceStarts[sentenceStarts.length - 1] != tokens.length) {
            throw new IllegalArgumentException("sentenceStarts must run from 0 to the token count, one entry per"
                    + " sentence plus one");
        }
    }

    public int tokenCount() {
        return tokens.length;
    }

    public int sentenceCount() {
        return anchor.length;
    }

    public int sentenceLength(int sentence) {
        return sentenceStarts[sentence + 1] - sentenceStarts[sentence];
    }

    /** The sentence holding token {@code token}. */
    public int sentenceOf(int token) {
        int i = Arrays.binarySearch(sentenceStarts, token);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * This document restricted to {@code span}: its tokens, the sentences that overlap it (the first and last cut to
     * the span) with their anchor flags. Offsets start at 0 at {@code span.start()}; the index stays the document's.
     * A builder given the slice and the whole of it makes the same sample as given this document and {@code span}.
     */
    public Document slice(SourceSpan span) {
        if (span.end() > tokens.length || span.length() == 0) {
            throw new IllegalArgumentException("span [" + span.start() + ", " + span.end() + ") is empty or outside"
                    + " the document's " + tokens.length + " tokens");
        }
        int first = sentenceOf(span.start());
        int end = sentenceOf(span.end() - 1) + 1;
        int[] starts = new int[end - first + 1];
        for (int s = first; s < end; s++) {
            starts[s - first] = Math.max(0, sentenceStarts[s] - span.start());
        }
        starts[end - first] = span.length();
        return new Document(index, Arrays.copyOfRange(tokens, span.start(), span.end()), starts,
                Arrays.copyOfRange(anchor, first, end));
    }

    public int anchorSentenceCount() {
        int n = 0;
        for (boolean a : anchor) {
            n += a ? 1 : 0;
        }
        return n;
    }
}
