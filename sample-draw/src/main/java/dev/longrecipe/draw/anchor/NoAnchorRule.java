package dev.longrecipe.draw.anchor;

/** No sentence is an anchor: the ablation "Random T" selects every sentence at random. */
public final class NoAnchorRule implements TextAnchorRule {

    public static final String NAME = "none";

    @Override
    public boolean isAnchor(String sentence) {
        return false;
    }
}
