package dev.longrecipe.evaluator.task;

import java.util.SplittableRandom;

/** RULER's {@code type_needle_k}: an adjective-noun word pair ("words") or a UUID ("uuids"). */
public enum KeyType {
    WORDS, UUIDS;

    public String draw(SplittableRandom rng) {
        return this == WORDS ? KeyWords.draw(rng) : ValueType.UUID_VALUE.draw(rng);
    }
}
