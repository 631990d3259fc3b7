package dev.longrecipe.segmenter.corpus;

import java.util.Locale;

/** Kinds of corpus lines that give no document; counted, never fatal on their own. */
public enum BadInput {
    BLANK_LINE,
    INVALID_JSON,
    MISSING_TEXT,
    EMPTY_DOCUMENT,
    SHORTER_THAN_SAMPLE;

    /** The name in stats.json: the constant's name in lower case with hyphens ("blank-line", "invalid-json" …). */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
