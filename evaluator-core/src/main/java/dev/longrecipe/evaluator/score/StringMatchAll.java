package dev.longrecipe.evaluator.score;

import java.util.List;
import java.util.Locale;

/**
 * RULER's {@code string_match_all}: a sample scores the fraction of its expected values that appear in the output,
 * case-insensitively, anywhere (extra text around them costs nothing); a task scores the mean over its samples ×100.
 */
public final class StringMatchAll {
    private StringMatchAll() {
    }

    /** Fraction in [0, 1] of {@code expected} found in {@code output}; 0 for an empty or missing output. */
    public static double sampleScore(String output, List<String> expected) {
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("a sample needs at least one expected value");
        }
        if (output == null || output.isEmpty()) {
            return 0.0;
        }
        String haystack = output.toLowerCase(Locale.ROOT);
        long found = expected.stream().filter(v -> haystack.contains(v.toLowerCase(Locale.ROOT))).count();
        return (double) found / expected.size();
    }

    /** Mean of sample scores ×100 (RULER's task score). */
    public static double taskScore(List<Double> sampleScores) {
        if (sampleScores.isEmpty()) {
            throw new IllegalArgumentException("a task score needs at least one sample");
        }
        return 100.0 * sampleScores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
