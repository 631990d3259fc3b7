package dev.longrecipe.evaluator.task;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

/** What a needle's value (or a key, for UUID keys) is: RULER's 7-digit numbers or UUIDs. */
public enum ValueType {
    /** Uniform in [10^6, 10^7), RULER's "numbers". */
    NUMBER("number", "numbers"),
    /** A random version-4 UUID, RULER's "uuids". */
    UUID_VALUE("uuid", "uuids");

    private final String specName;
    private final String plural;

    ValueType(String specName, String plural) {
        this.specName = specName;
        this.plural = plural;
    }

    /** The run-spec name ({@code evaluator.valueType}). */
    public static ValueType fromSpec(String name) {
        for (ValueType t : values()) {
            if (t.specName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("evaluator.valueType '" + name + "' is unknown; use one of "
                + Arrays.stream(values()).map(t -> t.specName).toList());
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
        return plural;
    }

    /** The word in the prompt's singular wording: "number", "uuid". */
    public String singular() {
        return specName;
    }

    public String specName() {
        return specName;
    }
}
