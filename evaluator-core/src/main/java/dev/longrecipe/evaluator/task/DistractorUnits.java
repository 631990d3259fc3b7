package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.haystack.HaystackCorpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Distractor needles, one per line, with keys and values that never repeat the real needles'. The partial unit is
 * corpus text (a distractor cannot be cut without leaving a half-needle), so the context still meets the token budget
 * to within a word.
 */
final class DistractorUnits implements HaystackUnits {
    private static final int TAIL_SENTENCES = 4;

    private final ValueType valueType;
    private final KeyType keyType;
    private final SplittableRandom rng;
    private final Set<String> usedKeys;
    private final Set<String> usedValues;
    private final List<String> lines = new ArrayList<>();
    private final HaystackCorpus corpus;
    private final long corpusOffset;

    DistractorUnits(ValueType valueType, KeyType keyType, SplittableRandom rng, Set<String> usedKeys,
                    Set<String> usedValues, HaystackCorpus corpus, long corpusOffset) {
        this.valueType = valueType;
        this.keyType = keyType;
        this.rng = rng;
        this.usedKeys = usedKeys;
        this.usedValues = usedValues;
        this.corpus = corpus;
        this.corpusOffset = corpusOffset;
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

    private static String fresh(Set<String> used, java.util.function.Supplier<String> draw) {
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
        List<String> words = new ArrayList<>();
        for (int s = 0; s < TAIL_SENTENCES; s++) {
            words.addAll(Arrays.asList(corpus.sentence(corpusOffset + s).split(" ")));
        }
        return words;
    }

    @Override
    public String joiner() {
        return "\n";
    }
}
