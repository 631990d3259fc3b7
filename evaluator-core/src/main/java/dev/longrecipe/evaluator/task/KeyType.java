package dev.longrecipe.evaluator.task;

import java.util.SplittableRandom;

/** What a needle's key is: an adjective-noun word pair, or a UUID (RULER's niah_multikey_3). */
public enum KeyType {
    WORDS, UUIDS;

    public String draw(SplittableRandom rng) {
        return this == WORDS ? KeyWords.draw(rng) : ValueType.UUID_VALUE.draw(rng);
    }
}
