package dev.longrecipe.segmenter.anchor;

/**
 * Decides whether a sentence is an anchor sentence (ALGORITHMS.md §2: "keep every sentence that contains
 * an anchor type"). Implementations must be safe to call from several worker threads at once.
 * {@link AnchorRules} is the registry by name.
 */
public interface AnchorRule {

    /** The name used in settings and in the manifest. */
    String name();

    /** True if {@code sentence} (its raw text, delimiter included) contains an anchor. */
    boolean isAnchor(String sentence);
}
