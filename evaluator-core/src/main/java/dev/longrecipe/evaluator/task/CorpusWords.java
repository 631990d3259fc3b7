package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.haystack.HaystackCorpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * cwe's word list: the distinct words of the haystack corpus, lower-cased, letters only, at least three letters,
 * sorted. RULER draws from wonderwords' nouns, adjectives and verbs, which cannot be fetched here (a recorded
 * deviation); the King James text gives about ten thousand words, enough for cwe at 128 K tokens.
 */
final class CorpusWords {
    private static final Map<HaystackCorpus, List<String>> CACHE = new WeakHashMap<>();

    private CorpusWords() {
    }

    static synchronized List<String> of(HaystackCorpus corpus) {
        return CACHE.computeIfAbsent(corpus, c -> {
            TreeSet<String> words = new TreeSet<>();
            for (int i = 0; i < c.size(); i++) {
                for (String w : c.sentence(i).toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                    if (w.length() >= 3) {
                        words.add(w);
                    }
                }
            }
            return List.copyOf(new ArrayList<>(words));
        });
    }
}
