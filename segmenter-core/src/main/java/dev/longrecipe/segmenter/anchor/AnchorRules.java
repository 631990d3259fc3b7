package dev.longrecipe.segmenter.anchor;

import dev.longrecipe.draw.anchor.AnchorRule;
import dev.longrecipe.draw.anchor.DigitsAnchorRule;
import dev.longrecipe.draw.anchor.NoAnchorRule;
import dev.longrecipe.draw.anchor.PosTypeAnchorRule;
import dev.longrecipe.draw.anchor.TokenIdAnchorRule;
import java.util.List;
import java.util.Set;

/** The registry of anchor rules by settings name. */
public final class AnchorRules {

    /** The Universal POS tag set (UD v2); anchor types must come from it ({@link PosTypeAnchorRule#UNIVERSAL_POS}). */
    public static final Set<String> UNIVERSAL_POS = PosTypeAnchorRule.UNIVERSAL_POS;

    public static final List<String> NAMES = List.of(PosTypeAnchorRule.NAME, TokenIdAnchorRule.NAME, DigitsAnchorRule.NAME,
            NoAnchorRule.NAME);

    private AnchorRules() {
    }

    /**
     * The rule called {@code name}; {@code anchorTypes} are the UPOS types for "pos-types", the token ids for
     * "token-ids" (ignored otherwise).
     */
    public static AnchorRule create(String name, Set<String> anchorTypes) {
        return switch (name) {
            case PosTypeAnchorRule.NAME -> new PosTypeAnchorRule(checkedTypes(anchorTypes), new OpenNlpUdTagger());
            case TokenIdAnchorRule.NAME -> new TokenIdAnchorRule(anchorTypes);
            case DigitsAnchorRule.NAME -> new DigitsAnchorRule();
            case NoAnchorRule.NAME -> new NoAnchorRule();
            default -> throw new IllegalArgumentException("unknown anchor rule '" + name + "'; valid: " + NAMES);
        };
    }

    static Set<String> checkedTypes(Set<String> anchorTypes) {
        for (String type : anchorTypes) {
            if (!UNIVERSAL_POS.contains(type)) {
                throw new IllegalArgumentException("anchor type '" + type + "' is not a Universal POS tag; valid: "
                        + UNIVERSAL_POS.stream().sorted().toList());
            }
        }
        return anchorTypes;
    }
}
