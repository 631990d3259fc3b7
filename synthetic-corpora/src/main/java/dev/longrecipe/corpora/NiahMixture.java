package dev.longrecipe.corpora;

import dev.longrecipe.evaluator.task.KeyWords;
import dev.longrecipe.evaluator.task.RulerTemplate;
import dev.longrecipe.evaluator.task.ValueType;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * The demo base model's training mixture, also its replay corpus: each line is, with probability ½, a plain window of
 * consecutive verses of exactly {@code tokens} tokens, otherwise a RULER {@code niah_single} prompt of a random
 * length between {@code minPromptTokens} and {@code tokens}: RULER's single-needle instruction, running text with one
 * needle ({@code One of the special magic numbers for {key} is: {number}.}) at a random verse boundary, RULER's
 * question and answer prefix, then the answer {@code " {number}."}.
 */
public final class NiahMixture {
    private final ExactLengthText fitter;
    private final int tokens;
    private final int minPromptTokens;
    private final long seed;

    /**
     * @param tokens          text tokens of a plain window and the longest prompt (L, less the model's BOS)
     * @param minPromptTokens the shortest prompt
     */
    public NiahMixture(List<String> verses, ToIntFunction<String> countTokens, int tokens, int minPromptTokens,
                       long seed) {
        if (minPromptTokens > tokens || minPromptTokens < 1) {
            throw new IllegalArgumentException("minPromptTokens must be in 1…" + tokens + " but was "
                    + minPromptTokens);
        }
        this.fitter = new ExactLengthText(verses, countTokens);
        this.tokens = tokens;
        this.minPromptTokens = minPromptTokens;
        this.seed = seed;
    }

    /** Line {@code index}: a pure function of (seed, index). */
    public String line(long index) {
        SplittableRandom rng = new SplittableRandom(Seeds.of(seed, index));
        boolean prompt = rng.nextBoolean();
        for (int attempt = 0; attempt < 100; attempt++) {
            int start = fitter.randomStart(rng);
            String text;
            if (!prompt) {
                text = fitter.fromVerses(start, List.of(), t -> t, tokens);
            } else {
                String key = KeyWords.draw(rng);
                String value = ValueType.NUMBER.draw(rng);
                int n = minPromptTokens + rng.nextInt(tokens - minPromptTokens + 1);
                List<ExactLengthText.Insert> needle = List.of(new ExactLengthText.Insert(rng.nextDouble(),
                        RulerTemplate.needle(ValueType.NUMBER, key, value)));
                text = fitter.fromVerses(start, needle,
                        context -> RulerTemplate.prompt(ValueType.NUMBER, context, List.of(key), 1) + " " + value
                                + ".", n);
            }
            if (text != null) {
                return text;
            }
        }
        throw new IllegalStateException("no mixture line of the requested length after 100 draws");
    }
}
