package dev.longrecipe.analyzer.types;

/** The type of a token is its vocabulary id (written in decimal). Needs no text, so it works for any model. */
public final class VocabTypeSystem implements TokenTypeSystem {

    public static final String NAME = "vocab";
    /** The sentence rule for vocab anchors: a sentence is an anchor if its tokens include one of the anchor ids. */
    public static final String ANCHOR_RULE = "token-ids";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String anchorRule() {
        return ANCHOR_RULE;
    }

    @Override
    public boolean isAnchorCandidate(String type) {
        return true;
    }

    @Override
    public String[] types(TokenizedSample sample) {
        String[] types = new String[sample.length()];
        for (int i = 0; i < types.length; i++) {
            types[i] = Integer.toString(sample.tokenIds()[i]);
        }
        return types;
    }
}
