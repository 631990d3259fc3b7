package dev.longrecipe.draw.anchor;

import java.util.List;
import java.util.Set;

/**
 * The paper's rule: a sentence is an anchor if one of its words has one of the anchor Universal POS
 * types the analysis report selected (e.g. NUM, PRON, AUX). A combined tag of a contraction
 * ("PRON+AUX" for "I'm") matches each of its parts.
 */
public final class PosTypeAnchorRule implements TextAnchorRule {

    public static final String NAME = "pos-types";

    /** The Universal POS tag set (UD v2); anchor types must come from it. */
    public static final Set<String> UNIVERSAL_POS = Set.of("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN",
            "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X");

    private final Set<String> anchorTypes;
    private final WordTagger tagger;

    public PosTypeAnchorRule(Set<String> anchorTypes, WordTagger tagger) {
        if (anchorTypes.isEmpty()) {
            throw new IllegalArgumentException("the pos-types anchor rule needs at least one Universal POS type"
                    + " (e.g. NUM, PRON, AUX from the analysis report)");
        }
        this.anchorTypes = Set.copyOf(anchorTypes);
        this.tagger = tagger;
    }

    public Set<String> anchorTypes() {
        return anchorTypes;
    }

    @Override
    public boolean isAnchor(String sentence) {
        List<String> tags = tagger.tags(sentence);
        for (String tag : tags) {
            if (anchorTypes.contains(tag)) {
                return true;
            }
            if (tag.indexOf('+') >= 0) {
                for (String part : tag.split("\\+")) {
                    if (anchorTypes.contains(part)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
