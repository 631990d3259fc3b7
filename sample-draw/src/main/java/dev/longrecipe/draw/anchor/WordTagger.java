package dev.longrecipe.draw.anchor;

import java.util.List;

/**
 * Splits a sentence into words and gives each word its Universal POS tag (NUM, PRON, AUX, …).
 * The seam that keeps the POS model replaceable; must be safe for concurrent use.
 */
public interface WordTagger {

    /** One UPOS tag per word of {@code sentence}, in order. A contraction may carry a combined tag such as "PRON+AUX". */
    List<String> tags(String sentence);
}
