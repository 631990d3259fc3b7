package dev.longrecipe.evaluator.task;

import java.util.List;
import java.util.Map;

/**
 * RULER's prompt wording ({@code scripts/data/synthetic/constants.py} and the task scripts), character for character,
 * in one place. Each task's prompt is RULER's {@code template + answer_prefix} (the base-model template adds nothing
 * around it), filled the way Python's {@code str.format} fills it: every {@code {name}} replaced in one pass, so text
 * put in is never searched again. RULER's own typos stay ("assgined").
 */
public final class RulerTemplate {
    static final String NIAH = "Some special magic {type_needle_v} are hidden within the following text. Make sure to"
            + " memorize it. I will quiz you about the {type_needle_v} afterwards.\n{context}\nWhat are all the special"
            + " magic {type_needle_v} for {query} mentioned in the provided text?";
    static final String NIAH_ANSWER = " The special magic {type_needle_v} for {query} mentioned in the provided text"
            + " are";
    static final String NIAH_NEEDLE = "One of the special magic {type_needle_v} for {key} is: {value}.";

    static final String VT = "Memorize and track the chain(s) of variable assignment hidden in the following"
            + " text.\n\n{context}\nQuestion: Find all variables that are assigned the value {query} in the text"
            + " above.";
    static final String VT_ANSWER = " Answer: According to the chain(s) of variable assignment in the text above,"
            + " {num_v} variables are assgined the value {query}, they are: ";

    static final String CWE = "Below is a numbered list of words. In these words, some appear more often than others."
            + " Memorize the ones that appear most often.\n{context}\nQuestion: What are the 10 most common words in the"
            + " above list?";
    static final String CWE_ANSWER = " Answer: The top 10 words that appear most often in the list are:";

    static final String FWE = "Read the following coded text and track the frequency of each coded word. Find the"
            + " three most frequently appeared coded words. {context}\nQuestion: Do not provide any explanation."
            + " Please ignore the dots '....'. What are the three most frequently appeared words in the above coded"
            + " text?";
    static final String FWE_ANSWER = " Answer: According to the coded text above, the three most frequently appeared"
            + " words are:";

    static final String QA = "Answer the question based on the given documents. Only give me the answer and do not"
            + " output any other words.\n\nThe following are given documents.\n\n{context}\n\nAnswer the question based"
            + " on the given documents. Only give me the answer and do not output any other words.\n\nQuestion:"
            + " {query}";
    static final String QA_ANSWER = " Answer:";
    static final String QA_DOCUMENT = "Document {i}:\n{document}";

    private RulerTemplate() {
    }

    /** One needle sentence (always the plural: "One of the special magic numbers for …"). */
    public static String needle(ValueType type, String key, String value) {
        return format(NIAH_NEEDLE, Map.of("type_needle_v", type.plural(), "key", key, "value", value));
    }

    /**
     * The niah prompt. When exactly one value is asked for, RULER rewrites the template before filling it: "Some" →
     * "A", "are all" → "is", "are" → "is", "answers" → "answer", and the value type loses its "s".
     */
    public static String prompt(ValueType type, String context, List<String> queryKeys, int expectedValues) {
        String template = NIAH + NIAH_ANSWER;
        String typeWord = type.plural();
        if (expectedValues == 1) {
            template = template.replace("Some", "A").replace("are all", "is").replace("are", "is")
                    .replace("answers", "answer");
            typeWord = type.singular();
        }
        return format(template, Map.of("type_needle_v", typeWord, "context", context, "query",
                queryPhrase(queryKeys)));
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

    /** Python's {@code str.format} with named fields: one pass, every {@code {name}} must have a value. */
    static String format(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("template field {" + name + "} has no value");
            }
            out.append(template, i, open).append(value);
            i = close + 1;
        }
        return out.toString();
    }
}
