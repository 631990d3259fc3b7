package dev.longrecipe.draw.anchor;

/**
 * Decides whether a sentence is an anchor sentence (docs/ALGORITHMS.md §2: "keep every sentence that contains
 * an anchor type"). Implementations must be safe to call from several worker threads at once.
 * segmenter-core's {@code AnchorRules} is the registry by name.
 */
public interface AnchorRule {

    /**
     * True if the sentence contains an anchor.
     *
     * @param sentence its raw text, delimiter included
     * @param tokenIds the sentence's token ids (for rules over the vocabulary)
     */
    boolean isAnchor(String sentence, int[] tokenIds);
}
