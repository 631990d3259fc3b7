package dev.longrecipe.draw.anchor;

/** An anchor rule that looks only at a sentence's text (digits, part-of-speech types). */
public interface TextAnchorRule extends AnchorRule {

    /** True if {@code sentence} (its raw text, delimiter included) contains an anchor. */
    boolean isAnchor(String sentence);

    @Override
    default boolean isAnchor(String sentence, int[] tokenIds) {
        return isAnchor(sentence);
    }
}
