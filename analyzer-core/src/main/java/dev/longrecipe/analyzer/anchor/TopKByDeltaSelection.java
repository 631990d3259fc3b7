package dev.longrecipe.analyzer.anchor;

import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.delta.TypeStatistics;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The paper's Eq. 3 ranking taken directly: the k types with the largest Δ(τ) = Σ |S_H′ − S_H|. */
public final class TopKByDeltaSelection implements AnchorSelection {

    public static final String NAME = "top-k";

    private final int k;

    public TopKByDeltaSelection(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("topK must be at least 1, got " + k);
        }
        this.k = k;
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
        List<String> chosen = AnchorSelection.candidates(tables, eligible)
                .limit(k)
                .map(TypeStatistics::type)
                .toList();
        if (chosen.isEmpty()) {
            return new AnchorChoice(chosen, NAME, NoTypeStandsOut.noEligibleType(tables));
        }
        return new AnchorChoice(chosen, NAME, String.format(Locale.ROOT,
                "The %d type(s) with the largest Δ(τ) = Σ|S_H′ − S_H| (Eq. 3): %s.", chosen.size(),
                String.join(", ", chosen)));
    }
}
