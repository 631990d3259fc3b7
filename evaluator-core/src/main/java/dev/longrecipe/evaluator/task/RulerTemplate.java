package dev.longrecipe.evaluator.task;

import java.util.List;

/**
 * RULER's needle-in-a-haystack wording (ALGORITHMS.md §7), character for character. When exactly one value is
 * asked for, the question and the answer prefix switch to the singular, as RULER does ("A special magic number is
 * hidden…", "What is the special magic number…", "… is"); needles always use the plural ("One of the special magic
 * numbers for …").
 */
public final class RulerTemplate {
    private RulerTemplate() {
    }

    /** One needle sentence. */
    public static String needle(ValueType type, String key, String value) {
        return "One of the special magic " + type.plural() + " for " + key + " is: " + value + ".";
    }

    /** The model's whole input: instructions, context, question and the answer prefix it continues. */
    public static String prompt(ValueType type, String context, List<String> queryKeys, int expectedValues) {
        String query = queryPhrase(queryKeys);
        if (expectedValues == 1) {
            String t = type.singular();
            return "A special magic " + t + " is hidden within the following text. Make sure to memorize it. "
                    + "I will quiz you about the " + t + " afterwards.\n" + context + "\n"
                    + "What is the special magic " + t + " for " + query + " mentioned in the provided text?"
                    + " The special magic " + t + " for " + query + " mentioned in the provided text is";
        }
        String t = type.plural();
        return "Some special magic " + t + " are hidden within the following text. Make sure to memorize it. "
                + "I will quiz you about the " + t + " afterwards.\n" + context + "\n"
                + "What are all the special magic " + t + " for " + query + " mentioned in the provided text?"
                + " The special magic " + t + " for " + query + " mentioned in the provided text are";
    }

    /** RULER's query phrase: "a" for one key, "a, b, and c" for several (the comma before "and" always). */
    static String queryPhrase(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a needle question needs at least one key");
        }
        if (keys.size() == 1) {
            return keys.get(0);
        }
        return String.join(", ", keys.subList(0, keys.size() - 1)) + ", and " + keys.get(keys.size() - 1);
    }
}
