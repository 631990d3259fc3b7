package dev.longrecipe.analyzer.anchor;

import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.delta.TypeStatistics;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Types over-represented among impactful tokens: share among impactful tokens ≥ minLift × share among all tokens
 * (and strictly above it), by more than chance explains ({@link #MIN_Z}). This is how the paper reads Figure 4 (NUM ≈ 0.4 of impactful tokens). Chosen types are
 * listed by Δ(τ), largest first.
 */
public final class AboveBaseRateSelection implements AnchorSelection {

    public static final String NAME = "above-base-rate";

    /**
     * How far above chance a type's impactful count must be, in standard deviations: if impact had nothing to do
     * with type, each of a type's n tokens would be impactful with probability q = impactful tokens / tokens, and
     * its impactful count would be Binomial(n, q). 3 σ keeps a rare type (a dozen "O"s tagged INTJ, four of them
     * impactful) from being chosen on the lift of a handful of tokens, which would change from sample to sample.
     */
    public static final double MIN_Z = 3.0;

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

    /** (impactful − n·q) / √(n·q·(1 − q)): the type's impactful count in standard deviations above chance. */
    public static double z(TypeStatistics t, AnalysisTables tables) {
        if (tables.tokens() == 0) {
            return 0;
        }
        double q = (double) tables.impactfulTokens() / tables.tokens();
        double expected = t.count() * q;
        double variance = t.count() * q * (1 - q);
        double excess = t.impactfulCount() - expected;
        if (variance <= 0) {
            return excess > 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return excess / Math.sqrt(variance);
    }

    @Override
    public AnchorChoice choose(AnalysisTables tables, Predicate<String> eligible) {
        if (tables.impactfulTokens() == 0) {
            return new AnchorChoice(List.of(), NAME, NoTypeStandsOut.allDeltasZero(tables));
        }
        List<String> chosen = AnchorSelection.candidates(tables, eligible)
                .filter(t -> t.impactfulShare() > t.baseShare() && t.lift() >= minLift)
                .filter(t -> z(t, tables) >= MIN_Z)
                .map(TypeStatistics::type)
                .toList();
        if (chosen.isEmpty()) {
            return new AnchorChoice(chosen, NAME, NoTypeStandsOut.belowMinLift(tables, eligible, minLift));
        }
        String numbers = tables.types().stream().filter(t -> chosen.contains(t.type()))
                .map(t -> String.format(Locale.ROOT, "%s %.1f %% of impactful vs %.1f %% of all tokens (%.2f×, %.0f σ)",
                        t.type(), 100 * t.impactfulShare(), 100 * t.baseShare(), t.lift(), z(t, tables)))
                .collect(Collectors.joining("; "));
        return new AnchorChoice(chosen, NAME, String.format(Locale.ROOT, "%d type(s) make up at least %.3g times"
                + " their base rate of the impactful tokens (top share of |Δ| per position): %s. %s.",
                chosen.size(), minLift, String.join(", ", chosen), numbers));
    }
}
