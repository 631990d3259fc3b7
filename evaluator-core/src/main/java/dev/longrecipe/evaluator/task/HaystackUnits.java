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

    /**
     * Whether needles split the units into runs joined RULER's essay way (empty runs kept, so two needles at one
     * place or a needle at either end get a doubled joiner) rather than being inserted into the list of units.
     */
    default boolean segmentsAroundNeedles() {
        return false;
    }
}
