package dev.longrecipe.segmenter.corpus;

/** Kinds of corpus lines that give no document; counted, never fatal on their own. */
public enum BadInput {
    BLANK_LINE("blank-line"),
    INVALID_JSON("invalid-json"),
    MISSING_TEXT("missing-text"),
    EMPTY_DOCUMENT("empty-document"),
    SHORTER_THAN_SAMPLE("shorter-than-sample");

    private final String key;

    BadInput(String key) {
        this.key = key;
    }

    /** The name in stats.json. */
    public String key() {
        return key;
    }
}
