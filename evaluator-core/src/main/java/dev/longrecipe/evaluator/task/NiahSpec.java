package dev.longrecipe.evaluator.task;

/**
 * RULER's arguments for one needle task: how many keys get needles, how many values each key has, how many keys
 * the question asks about, and what the haystack and keys are.
 */
record NiahSpec(int keys, int valuesPerKey, int queries, HaystackKind haystack, KeyType keyType) {
    NiahSpec {
        if (keys < 1 || valuesPerKey < 1 || queries < 1 || queries > keys) {
            throw new IllegalArgumentException("a needle task needs ≥ 1 key, ≥ 1 value per key and 1…keys queries");
        }
    }

    int needles() {
        return keys * valuesPerKey;
    }
}
