package dev.longrecipe.evaluator.score;

import java.util.List;
import java.util.Locale;

/**
 * RULER's two scores ({@code scripts/eval/synthetic/constants.py}), by RULER's names. Both compare the
 * {@linkplain Postprocess#prediction postprocessed} output with each reference case-insensitively, as a substring
 * anywhere in the output, so extra text around a value costs nothing.
 *
 * <p>A task's score is the mean of its sample scores ×100. RULER rounds that to two decimals when it prints it; we keep
 * the unrounded double (rounding is a presentation step: round when showing, never before averaging further, e.g.
 * into NIAH(M)).
 */
public enum Metric {
    /** {@code string_match_all}: the fraction of the references found in the output (niah, vt, cwe, fwe). */
    STRING_MATCH_ALL,
    /** {@code string_match_part}: 1 when any one reference is found in the output, else 0 (qa). */
    STRING_MATCH_PART;

    /**
     * One sample's score in [0, 1].
     *
     * @param prediction the postprocessed output; {@code null} or empty scores 0
     * @param references the sample's expected strings (RULER's {@code outputs}), at least one
     */
    public double sampleScore(String prediction, List<String> references) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("a sample needs at least one reference");
        }
        String pred = prediction == null ? "" : prediction.toLowerCase(Locale.ROOT);
        long found = references.stream().filter(r -> pred.contains(r.toLowerCase(Locale.ROOT))).count();
        return switch (this) {
            case STRING_MATCH_ALL -> (double) found / references.size();
            case STRING_MATCH_PART -> found > 0 ? 1.0 : 0.0;
        };
    }

    /** Mean of sample scores ×100, unrounded (RULER rounds this to 2 decimals for display only). */
    public static double taskScore(List<Double> sampleScores) {
        if (sampleScores.isEmpty()) {
            throw new IllegalArgumentException("a task score needs at least one sample");
        }
        return 100.0 * sampleScores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
