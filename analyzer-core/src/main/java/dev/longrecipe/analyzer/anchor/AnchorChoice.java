package dev.longrecipe.analyzer.anchor;

import java.util.List;

/**
 * The anchor types a selection rule chose and, in words, why (or why none).
 *
 * @param types     chosen types, most significant first; empty when no type stands out
 * @param selection name of the rule that chose them ({@link AnchorSelections})
 * @param statement a sentence a person can read in the report
 */
public record AnchorChoice(List<String> types, String selection, String statement) {
    public AnchorChoice {
        types = List.copyOf(types);
    }
}
