package dev.longrecipe.analyzer.anchor;

import dev.longrecipe.analyzer.delta.AnalysisTables;

import java.util.Locale;

/** The report's wording when H and H′ gave the same gold-token logits everywhere. */
final class NoTypeStandsOut {

    private NoTypeStandsOut() {
    }

    static String allDeltasZero(AnalysisTables tables) {
        return String.format(Locale.ROOT, "No anchor types stand out: H and H′ give identical gold-token logits at all"
                + " %d analysed positions (every Δ is zero), so no token is impactful.", tables.tokens());
    }
}
