package dev.longrecipe.evaluator.task;

import java.util.List;

/**
 * The pieces a haystack is built from, in order: whole units (sentences or distractor lines), between which needles
 * may be inserted, and the words of a final partial unit that tops the context up to the exact token budget.
 */
interface HaystackUnits {
    /** Whole unit {@code i} (0-based); the same {@code i} always gives the same text. */
    String unit(int i);

    /** Words that may follow {@code completeUnits} whole units as a final, partial unit. */
    List<String> tailWords(int completeUnits);

    /** Text put between units (and between units and needles). */
    String joiner();
}
