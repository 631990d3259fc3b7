package dev.longrecipe.analyzer.anchor;

import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.delta.TypeStatistics;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The report's wording when the analysis chose no anchor type: every sentence starts with {@link #PREFIX} and says
 * why, with the numbers a person needs to act on it. The report carries it as {@code statement} and
 * {@code fallbackReason}; the service's {@code analysis.completed} event carries it on to the segmenter, which then
 * selects anchor sentences by the released code's "digits" rule.
 */
public final class NoTypeStandsOut {

    /** How every no-anchor statement starts. */
    public static final String PREFIX = "No anchor types stand out";

    private NoTypeStandsOut() {
    }

    /** H and H′ gave the same gold-token logits everywhere. */
    public static String allDeltasZero(AnalysisTables tables) {
        return String.format(Locale.ROOT, PREFIX + ": H and H′ give identical gold-token logits at all %d analysed"
                + " positions (every Δ is zero), so no token is impactful: H′ has H's weights and runs with the same"
                + " RoPE (is referenceModel a copy of baseModel?).", tables.tokens());
    }

    /** Under above-base-rate: no eligible type's lift reaches {@code minLift}; names the closest ones. */
    public static String belowMinLift(AnalysisTables tables, Predicate<String> eligible, double minLift) {
        List<TypeStatistics> closest = tables.types().stream()
                .filter(t -> t.impactfulCount() > 0 && eligible.test(t.type()))
                .sorted(Comparator.comparingDouble(TypeStatistics::lift).reversed())
                .limit(3)
                .toList();
        String highest = closest.isEmpty() ? "no type a sentence rule can look for has an impactful token"
                : "highest: " + closest.stream().map(t -> String.format(Locale.ROOT, "%s %.2f× (%.1f %% of impactful"
                        + " vs %.1f %% of all tokens, %d of %d impactful, %.1f σ above chance)", t.type(), t.lift(),
                        100 * t.impactfulShare(), 100 * t.baseShare(), t.impactfulCount(), t.count(),
                        AboveBaseRateSelection.z(t, tables))).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, PREFIX + ": no type's share among impactful tokens reaches %.3g times its"
                + " share among all tokens by more than chance explains (%.0f σ) — %s — over %d analysed positions.",
                minLift, AboveBaseRateSelection.MIN_Z, highest, tables.tokens());
    }

    /** Under top-k: no type a sentence rule can look for has an impactful token. */
    public static String noEligibleType(AnalysisTables tables) {
        return String.format(Locale.ROOT, PREFIX + ": none of the %d impactful tokens has a type a sentence rule can"
                + " look for.", tables.impactfulTokens());
    }
}
