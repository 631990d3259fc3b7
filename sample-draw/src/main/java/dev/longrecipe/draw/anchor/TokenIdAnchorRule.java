package dev.longrecipe.draw.anchor;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The analysis' second type system: a sentence is an anchor if one of its tokens is one of the vocabulary ids the
 * analysis found impactful ({@code analyzer.typeSystem: vocab}).
 */
public final class TokenIdAnchorRule implements AnchorRule {

    public static final String NAME = "token-ids";

    private final int[] sortedIds;

    public TokenIdAnchorRule(Set<String> tokenIds) {
        if (tokenIds.isEmpty()) {
            throw new IllegalArgumentException("anchorRule token-ids needs anchorTypes: the analysis report's token ids");
        }
        this.sortedIds = tokenIds.stream().mapToInt(TokenIdAnchorRule::parse).sorted().toArray();
    }

    /** The ids as the report writes them (decimal strings); anything else is an error naming the value. */
    public static int parse(String id) {
        try {
            int value = Integer.parseInt(id.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("anchor type '" + id + "' is not a token id; anchorRule token-ids takes "
                + "the non-negative vocabulary ids of the analysis report (typeSystem vocab)");
    }

    public List<Integer> ids() {
        return Arrays.stream(sortedIds).boxed().toList();
    }

    @Override
    public boolean isAnchor(String sentence, int[] tokenIds) {
        for (int id : tokenIds) {
            if (Arrays.binarySearch(sortedIds, id) >= 0) {
                return true;
            }
        }
        return false;
    }
}
