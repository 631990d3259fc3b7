package dev.longrecipe.evaluator.score;

import java.util.regex.Pattern;

/**
 * RULER's {@code postprocess_pred} ({@code scripts/eval/evaluate.py}), applied to the whole decoded output before
 * scoring: strip surrounding whitespace, turn every control character U+0000–U+001F into a line break, strip again.
 * Nothing is cut: a value on the second line still counts.
 */
public final class Postprocess {
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f]");

    private Postprocess() {
    }

    public static String prediction(String decoded) {
        if (decoded == null) {
            return "";
        }
        return CONTROL.matcher(decoded.strip()).replaceAll("\n").strip();
    }
}
