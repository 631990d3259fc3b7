package dev.longrecipe.evaluator.task;

import java.util.Locale;

/**
 * RULER's {@code type_haystack}: what fills the context around the needles.
 */
public enum HaystackKind {
    /**
     * RULER's "noise" (older trees: "repeat"): "The grass is green. …" repeated, one per line; needles go between
     * lines at indexes drawn at random.
     */
    NOISE,
    /**
     * RULER's "essay": running text cut at a word count, split into sentences, needles between sentences at depths
     * drawn from {@link NeedleDepths#DEPTHS}. RULER uses Paul Graham's essays; here the haystack corpus (by default
     * the King James text): a recorded deviation.
     */
    ESSAY,
    /**
     * RULER's "needle": lines of distractor needles with other keys and values, one per line; the real needles go
     * between lines at indexes drawn at random.
     */
    NEEDLE;

    /** RULER's name, reported as the sample's variant in results.json. */
    public String variantName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
