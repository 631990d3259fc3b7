package dev.longrecipe.analyzer.anchor;

import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.delta.TypeStatistics;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Types over-represented among impactful tokens: share among impactful tokens ≥ minLift × share among all tokens
 * (and strictly above it). This is how the paper reads Figure 4 (NUM ≈ 0.4 of impactful tokens). Chosen types are
 * listed by Δ(τ), largest first.
 */
public final class AboveBaseRateSelection implements AnchorSelection {

    public static final String NAME = "above-base-rate";

    private final double minLift;

    public AboveBaseRateSelection(double minLift) {
        if (!(minLift > 0)) {
            throw new IllegalArgumentException("minLift must be positive, got " + minLift + "; e.g. 1.2");
        }
        this.minLift = minLift;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AnchorChoice choose(AnalysisTables tables, Predicate<String> eligible) {
        if (tables.impactfulTokens() == 0) {
            return new AnchorChoice(List.of(), NAME, NoTypeStandsOut.allDeltasZero(tables));
        }
        List<String> chosen = tables.types().stream()
                .filter(t -> t.impactfulCount() > 0 && eligible.test(t.type()))
                .filter(t -> t.impactfulShare() > t.baseShare() && t.lift() >= minLift)
                .map(TypeStatistics::type)
                .toList();
        if (chosen.isEmpty()) {
            return new AnchorChoice(chosen, NAME, String.format(Locale.ROOT, "No anchor types stand out: no type's"
                    + " share among impactful tokens reaches %.3g times its share among all tokens.", minLift));
        }
        return new AnchorChoice(chosen, NAME, String.format(Locale.ROOT, "%d type(s) make up at least %.3g times"
                + " their base rate of the impactful tokens (top share of |Δ| per position): %s.",
                chosen.size(), minLift, String.join(", ", chosen)));
    }
}
