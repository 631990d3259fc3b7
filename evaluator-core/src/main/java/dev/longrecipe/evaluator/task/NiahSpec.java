package dev.longrecipe.evaluator.task;

/**
 * RULER's arguments for one niah task ({@code scripts/synthetic.yaml}): haystack, key and value types, and
 * {@code num_needle_k}, {@code num_needle_v}, {@code num_needle_q} (RULER raises k to q when q is larger).
 */
record NiahSpec(HaystackKind haystack, KeyType keyType, ValueType valueType, int keys, int valuesPerKey,
                int queries) {
    NiahSpec {
        if (keys < 1 || valuesPerKey < 1 || queries < 1) {
            throw new IllegalArgumentException("a needle task needs ≥ 1 key, ≥ 1 value per key and ≥ 1 query");
        }
        keys = Math.max(keys, queries);
    }

    int needles() {
        return keys * valuesPerKey;
    }
}
