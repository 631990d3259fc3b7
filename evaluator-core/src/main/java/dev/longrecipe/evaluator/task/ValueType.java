package dev.longrecipe.evaluator.task;

import java.util.SplittableRandom;
import java.util.UUID;

/** RULER's {@code type_needle_v}: 7-digit numbers or UUIDs (each niah task fixes its own). */
public enum ValueType {
    /** Uniform in [10^6, 10^7), RULER's "numbers". */
    NUMBER("number"),
    /** A random version-4 UUID, RULER's "uuids". */
    UUID_VALUE("uuid");

    private final String singular;

    ValueType(String singular) {
        this.singular = singular;
    }

    public String draw(SplittableRandom rng) {
        if (this == NUMBER) {
            return Integer.toString(rng.nextInt(1_000_000, 10_000_000));
        }
        long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;                 // version 4
        long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(msb, lsb).toString();
    }

    /** The word in the prompt's plural wording: "numbers", "uuids". */
    public String plural() {
        return singular + "s";
    }

    /** The word in the prompt's singular wording: "number", "uuid". */
    public String singular() {
        return singular;
    }
}
