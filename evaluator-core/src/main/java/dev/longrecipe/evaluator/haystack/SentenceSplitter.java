package dev.longrecipe.evaluator.haystack;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a passage into sentences, the units needles are inserted between: a sentence ends at {@code .} {@code !}
 * or {@code ?} followed by whitespace (or the end), or at a line break. Whitespace is collapsed to single spaces
 * and blank pieces are dropped, so sentences can be joined again with one space.
 */
public final class SentenceSplitter {
    private SentenceSplitter() {
    }

    /** True when {@code text} ends with a sentence delimiter. */
    public static boolean endsSentence(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        return last == '.' || last == '!' || last == '?';
    }

    public static List<String> split(String passage) {
        List<String> out = new ArrayList<>();
        for (String line : passage.split("\\R")) {
            StringBuilder current = new StringBuilder();
            String[] words = line.trim().split("\\s+");
            for (String word : words) {
                if (word.isEmpty()) {
                    continue;
                }
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(word);
                if (endsSentence(word)) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            }
            if (current.length() > 0) {
                out.add(current.toString());
            }
        }
        return out;
    }
}
