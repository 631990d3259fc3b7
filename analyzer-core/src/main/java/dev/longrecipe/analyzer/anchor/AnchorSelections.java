package dev.longrecipe.analyzer.anchor;

import java.util.List;

/** The registry of anchor selection rules by their run-spec name ({@code analyzer.anchorSelection}). */
public final class AnchorSelections {

    public static final List<String> NAMES = List.of(AboveBaseRateSelection.NAME, TopKByDeltaSelection.NAME);

    private AnchorSelections() {
    }

    public static AnchorSelection create(String name, double minLift, int topK) {
        return switch (name) {
            case AboveBaseRateSelection.NAME -> new AboveBaseRateSelection(minLift);
            case TopKByDeltaSelection.NAME -> new TopKByDeltaSelection(topK);
            default -> throw new IllegalArgumentException("unknown anchor selection '" + name + "'; valid: " + NAMES);
        };
    }
}
