package dev.longrecipe.evaluator.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * RULER's needle haystack: distractor needles, one per line, worded like the real ones. Deviation: RULER draws their
 * keys and values freely; here they never repeat a real needle's key or value (or each other's), because our key word
 * list is far smaller than wonderwords' and a repeated key would make the question ambiguous. No partial unit (RULER
 * adds whole lines only).
 */
final class DistractorUnits implements HaystackUnits {
    private final ValueType valueType;
    private final KeyType keyType;
    private final SplittableRandom rng;
    private final Set<String> usedKeys;
    private final Set<String> usedValues;
    private final List<String> lines = new ArrayList<>();

    DistractorUnits(ValueType valueType, KeyType keyType, SplittableRandom rng, Set<String> usedKeys,
                    Set<String> usedValues) {
        this.valueType = valueType;
        this.keyType = keyType;
        this.rng = rng;
        this.usedKeys = usedKeys;
        this.usedValues = usedValues;
    }

    @Override
    public String unit(int i) {
        while (lines.size() <= i) {
            String key = fresh(usedKeys, () -> keyType.draw(rng));
            String value = fresh(usedValues, () -> valueType.draw(rng));
            lines.add(RulerTemplate.needle(valueType, key, value));
        }
        return lines.get(i);
    }

    private static String fresh(Set<String> used, Supplier<String> draw) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            String s = draw.get();
            if (used.add(s)) {
                return s;
            }
        }
        throw new IllegalStateException("ran out of distinct needle keys/values (" + used.size() + " used); the"
                + " target length needs more distractor needles than the key word lists can name");
    }

    @Override
    public List<String> tailWords(int completeUnits) {
        return List.of();
    }

    @Override
    public String joiner() {
        return "\n";
    }
}
