package dev.longrecipe.segmenter.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a document into sentences at {@code .} {@code !} {@code ?} and {@code \n} (docs/ALGORITHMS.md §2).
 *
 * <p>The delimiter stays with the sentence it ends; a run of delimiters ("...", "?!", ".\n\n") ends one
 * sentence rather than producing one-character sentences. Whatever follows the last delimiter is a
 * sentence of its own. Concatenating the returned sentences gives back the input exactly, so no text
 * (and no whitespace) is lost between sentences.
 */
public final class SentenceSplitter {

    private SentenceSplitter() {
    }

    /** True for the characters the paper splits on. */
    public static boolean isDelimiter(char c) {
        return c == '.' || c == '!' || c == '?' || c == '\n';
    }

    /** The sentences of {@code text} in order; empty for an empty text. */
    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (isDelimiter(text.charAt(i))) {
                int end = i + 1;
                while (end < n && isDelimiter(text.charAt(end))) {
                    end++;
                }
                sentences.add(text.substring(start, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < n) {
            sentences.add(text.substring(start));
        }
        return sentences;
    }
}
