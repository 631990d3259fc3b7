package dev.longrecipe.evaluator.perplexity;

import dev.longrecipe.evaluator.haystack.HaystackCorpus;
import dev.longrecipe.evaluator.task.Seeds;
import dev.longrecipe.evaluator.text.TextTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Texts for perplexity: runs of consecutive corpus sentences from seeded offsets, tokenised as the model receives
 * them (its BOS first, when it has one) and cut to exactly {@code length} tokens. They come from the perplexity
 * corpus (evaluator.perplexityCorpus, else the haystack corpus) at offsets of their own seed stream.
 */
public final class PerplexityTexts {
    private PerplexityTexts() {
    }

    public static List<int[]> windows(TextTokenizer tokenizer, HaystackCorpus corpus, int length, int count,
                                      long seed, String purpose) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "perplexity", purpose, length));
        List<int[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = rng.nextLong(corpus.size());
            int sentences = 8;
            while (true) {
                StringBuilder text = new StringBuilder();
                for (int s = 0; s < sentences; s++) {
                    if (s > 0) {
                        text.append(' ');
                    }
                    text.append(corpus.sentence(offset + s));
                }
                int[] ids = tokenizer.encode(text.toString());
                if (ids.length >= length) {
                    out.add(java.util.Arrays.copyOf(ids, length));
                    break;
                }
                if (sentences > 4 * corpus.size() + 8) {
                    throw new IllegalArgumentException("the perplexity text " + corpus.source() + " has fewer than "
                            + length + " tokens even when repeated; use a longer corpus");
                }
                sentences *= 2;
            }
        }
        return out;
    }
}
