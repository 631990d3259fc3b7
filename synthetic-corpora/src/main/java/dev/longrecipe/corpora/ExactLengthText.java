package dev.longrecipe.corpora;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Builds a text of exactly {@code n} tokens of a given tokenizer from running text with sentences inserted at chosen
 * depths: as many whole units (verses) as fit, then the first characters of the next unit, every candidate counted
 * by tokenising it whole (so joins are counted as the model sees them). Inserts go between units: insert k at
 * boundary round(depth_k · units), in depth order where boundaries tie. Pieces are joined with single spaces.
 */
final class ExactLengthText {
    /** A sentence to insert at {@code depth} ∈ [0, 1] of the units. */
    record Insert(double depth, String sentence) {
    }

    private final List<String> verses;
    private final ToIntFunction<String> countTokens;

    /**
     * @param verses      the running text, one verse (or sentence) per entry
     * @param countTokens tokens of a text as the model's tokenizer counts them
     */
    ExactLengthText(List<String> verses, ToIntFunction<String> countTokens) {
        this.verses = List.copyOf(verses);
        this.countTokens = countTokens;
    }

    /** A random first verse, where a text's running verses start. */
    int randomStart(SplittableRandom rng) {
        return rng.nextInt(verses.size());
    }

    /** {@link #build} on the verses from {@code start} on, continuing at the first after the last. */
    String fromVerses(int start, List<Insert> inserts, UnaryOperator<String> wrap, int n) {
        return build(i -> verses.get((start + i) % verses.size()), inserts, wrap, n);
    }

    /**
     * @param units   unit i of the running text (verses from a random start)
     * @param inserts sentences placed between units
     * @param wrap    the whole text around the running text (identity, or a prompt template)
     * @param n       the exact token count wanted
     * @return the text, or null when no cut gives exactly {@code n} tokens (the caller draws again)
     */
    String build(IntFunction<String> units, List<Insert> inserts, UnaryOperator<String> wrap, int n) {
        List<Insert> ordered = new ArrayList<>(inserts);
        ordered.sort(Comparator.comparingDouble(Insert::depth));
        if (count(units, ordered, wrap, 0, 0) > n) {
            return null;
        }
        // whole units: estimate by adding units counted alone, then step with whole-text counts to the last fit
        int estimate = count(units, ordered, wrap, 0, 0);
        int fits = 0;
        for (int unitTokens; estimate + (unitTokens = countTokens.applyAsInt(units.apply(fits))) <= n; ) {
            estimate += unitTokens;
            fits++;
            if (fits > (1 << 20)) {
                throw new IllegalStateException("the text never reaches " + n + " tokens");
            }
        }
        while (fits > 0 && count(units, ordered, wrap, fits, 0) > n) {
            fits--;
        }
        while (count(units, ordered, wrap, fits + 1, 0) <= n) {
            fits++;
        }
        // the first characters of the next unit: gallop from a proportional guess, bisect, then step to the count
        String next = units.apply(fits);
        int room = n - count(units, ordered, wrap, fits, 0);
        int guess = (int) Math.min(next.length(), (long) next.length() * room
                / Math.max(1, countTokens.applyAsInt(next)));
        int lo;
        int hi;
        if (count(units, ordered, wrap, fits, guess) <= n) {
            lo = guess;
            hi = guess;
            for (int step = 4; hi < next.length() && count(units, ordered, wrap, fits, hi) <= n; step *= 2) {
                lo = hi;
                hi = Math.min(next.length(), hi + step);
            }
            if (hi == next.length() && count(units, ordered, wrap, fits, hi) <= n) {
                lo = hi;
            }
        } else {
            hi = guess;
            lo = guess;
            for (int step = 4; lo > 0 && count(units, ordered, wrap, fits, lo) > n; step *= 2) {
                hi = lo;
                lo = Math.max(0, lo - step);
            }
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (count(units, ordered, wrap, fits, mid) <= n) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        for (int chars = lo; chars <= next.length(); chars++) {
            String text = text(units, ordered, wrap, fits, chars);
            int tokens = countTokens.applyAsInt(text);
            if (tokens == n) {
                return text;
            }
            if (tokens > n) {
                return null;
            }
        }
        return null;
    }

    private int count(IntFunction<String> units, List<Insert> inserts, UnaryOperator<String> wrap, int whole,
                      int tailChars) {
        return countTokens.applyAsInt(text(units, inserts, wrap, whole, tailChars));
    }

    private static String text(IntFunction<String> units, List<Insert> inserts, UnaryOperator<String> wrap, int whole,
                               int tailChars) {
        StringBuilder out = new StringBuilder();
        int k = 0;
        for (int b = 0; b <= whole; b++) {
            while (k < inserts.size() && Math.round(inserts.get(k).depth() * whole) == b) {
                append(out, inserts.get(k++).sentence());
            }
            if (b < whole) {
                append(out, units.apply(b));
            }
        }
        if (tailChars > 0) {
            append(out, units.apply(whole).substring(0, tailChars).stripTrailing());
        }
        return wrap.apply(out.toString());
    }

    private static void append(StringBuilder out, String piece) {
        if (piece.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(' ');
        }
        out.append(piece);
    }
}
