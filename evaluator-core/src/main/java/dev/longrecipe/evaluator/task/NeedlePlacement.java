package dev.longrecipe.evaluator.task;

import java.util.List;

/**
 * Where needles go among a haystack's whole units, as a function of how many whole units the context ends up with (the
 * fitter tries several counts; each must place the needles the same way for the same count).
 */
interface NeedlePlacement {
    /** For each needle, in needle order, the unit index (0…{@code wholeUnits}) it goes before. */
    int[] boundaries(int wholeUnits);

    /** Each needle's depth in [0, 1] for the record (the heatmap), in needle order. */
    List<Double> depths(int wholeUnits);
}
