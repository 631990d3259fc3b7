package dev.longrecipe.evaluator.task;

/**
 * What fills the context around the needles. RULER's essay haystack is running text (here: corpus sentences joined
 * by spaces); its "needle" haystacks are lines of distractor needles with other keys, which makes retrieval harder
 * because every line looks like the answer.
 */
public enum HaystackKind {
    /** Corpus sentences, joined by single spaces. */
    ESSAY("essay", " ", null),
    /** Distractor needles with adjective-noun keys, one per line (RULER niah_multikey_2). */
    WORD_KEY_DISTRACTORS("word-key-distractors", "\n", KeyType.WORDS),
    /** Distractor needles with UUID keys, one per line (RULER niah_multikey_3). */
    UUID_KEY_DISTRACTORS("uuid-key-distractors", "\n", KeyType.UUIDS);

    private final String variantName;
    private final String joiner;
    private final KeyType distractorKeys;

    HaystackKind(String variantName, String joiner, KeyType distractorKeys) {
        this.variantName = variantName;
        this.joiner = joiner;
        this.distractorKeys = distractorKeys;
    }

    /** The variant name reported in results.json. */
    public String variantName() {
        return variantName;
    }

    public String joiner() {
        return joiner;
    }

    /** Key type of the distractor needles, or {@code null} for the essay haystack. */
    public KeyType distractorKeys() {
        return distractorKeys;
    }
}
