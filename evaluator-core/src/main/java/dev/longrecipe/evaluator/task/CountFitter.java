package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.text.TokenCounter;

import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Sizes a prompt built from a count (words of a list, coded words, documents): the largest count in a range whose
 * prompt fits the token budget, counted in full by the model's tokenizer. Gallops up from the smallest count (1, 2, 4 …
 * more) until a prompt does not fit, then bisects; a prompt that did not fit is never kept. Token counts grow with the
 * count almost always monotonically, which the search assumes. RULER steps its counts by a fixed increment instead;
 * this finds the largest count exactly.
 */
final class CountFitter {
    private CountFitter() {
    }

    /** A count and its prompt. */
    record Fitted(int count, String prompt, int tokens) {
    }

    /**
     * @param promptOf the whole prompt for a count (a pure function of the count)
     * @param tooShort the exception when even {@code lo} does not fit
     */
    static Fitted largest(TokenCounter tokens, int lo, int hi, int budget, IntFunction<String> promptOf,
                          Supplier<PromptDoesNotFitException> tooShort) {
        Fitted fits = probe(tokens, lo, promptOf);
        if (fits.tokens() > budget) {
            throw tooShort.get();
        }
        long tooMany = (long) hi + 1;
        for (long step = 1; fits.count() < hi; step *= 2) {
            long c = Math.min(hi, fits.count() + step);
            Fitted p = probe(tokens, (int) c, promptOf);
            if (p.tokens() > budget) {
                tooMany = c;
                break;
            }
            fits = p;
        }
        while (tooMany - fits.count() > 1) {
            int mid = (int) ((fits.count() + tooMany) >>> 1);
            Fitted p = probe(tokens, mid, promptOf);
            if (p.tokens() <= budget) {
                fits = p;
            } else {
                tooMany = mid;
            }
        }
        return fits;
    }

    /** The prompt tokens {@code lo} takes, for the does-not-fit message. */
    static int tokensOf(TokenCounter tokens, int count, IntFunction<String> promptOf) {
        return tokens.countTokens(promptOf.apply(count));
    }

    private static Fitted probe(TokenCounter tokens, int count, IntFunction<String> promptOf) {
        String prompt = promptOf.apply(count);
        return new Fitted(count, prompt, tokens.countTokens(prompt));
    }
}
