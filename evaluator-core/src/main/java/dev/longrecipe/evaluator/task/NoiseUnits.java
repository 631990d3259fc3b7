package dev.longrecipe.evaluator.task;

import java.util.List;

/**
 * RULER's noise haystack: the same line again and again. There is no partial unit (RULER adds whole lines only), so a
 * context falls short of its budget by less than one line.
 *
 * @param line   one unit: {@link #NOISE} for niah, {@code NOISE + "\n"} for vt
 * @param joiner what goes between units: "\n" for niah, " " for vt
 */
record NoiseUnits(String line, String joiner) implements HaystackUnits {
    /** RULER's noise text, word for word. */
    static final String NOISE = "The grass is green. The sky is blue. The sun is yellow. Here we go. There and back"
            + " again.";

    @Override
    public String unit(int i) {
        return line;
    }

    @Override
    public List<String> tailWords(int completeUnits) {
        return List.of();
    }
}
