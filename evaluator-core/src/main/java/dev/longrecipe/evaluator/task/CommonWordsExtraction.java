package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.score.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * RULER's cwe ({@code common_words_extraction.py}, freq_cw 30, freq_ucw 3, num_cw 10): a numbered list
 * ("1. word 2. word …") of n distinct words where the first 10 drawn appear 30 times each and the others 3 times,
 * shuffled; the question asks for the 10 most common. At lengths under 4096 RULER uses 6 and 1 repeats instead. A
 * one-shot example comes first (40 words, repeats 10 and 3; under 4096: 20 words, 3 and 1), its answer appended
 * right after its answer prefix ("…are:1. w 2. w …"), then a line break and the real prompt. Expected: the 10 common
 * words. Scored by {@code string_match_all}; budget 120 tokens.
 */
final class CommonWordsExtraction extends RulerTask {
    static final String NAME = "cwe";
    static final int FREQ_CW = 30;
    static final int FREQ_UCW = 3;
    static final int NUM_CW = 10;

    CommonWordsExtraction() {
        super(new About(NAME,
                "common words extraction: the 10 words repeated most in a numbered list, one-shot example first", 120,
                Metric.STRING_MATCH_ALL, false,
                List.of("words: the haystack corpus' distinct words (CorpusWords), not wonderwords' nouns, adjectives"
                                + " and verbs",
                        "word count found by exact token count (RULER steps by 10 words)",
                        "list order: RULER's shuffle by a fixed seed, here the run seed and the task")));
    }

    @Override
    public List<TaskSample> samples(TaskContext ctx, int length) {
        List<String> words = CorpusWords.of(ctx.corpus());
        return eachIndex(ctx, i -> sample(ctx, words, length, i));
    }

    private TaskSample sample(TaskContext ctx, List<String> words, int length, int index) {
        long sampleSeed = Seeds.derive(ctx.seed(), NAME, length, index);
        long shuffleSeed = Seeds.derive(ctx.seed(), NAME, "list-order");
        boolean small = length < 4096;
        int budget = ctx.budgetOf(this);
        String template = RulerTemplate.CWE + RulerTemplate.CWE_ANSWER;
        // each count's prompt is a pure function of the count: its own draw from the sample's seed
        java.util.function.IntFunction<Example> make = n -> {
            SplittableRandom rng = new SplittableRandom(Seeds.derive(sampleSeed, n));
            Example example = small ? Example.draw(words, 20, 3, 1, rng, shuffleSeed)
                    : Example.draw(words, 40, 10, 3, rng, shuffleSeed);
            Example real = small ? Example.draw(words, n, 6, 1, rng, shuffleSeed)
                    : Example.draw(words, n, FREQ_CW, FREQ_UCW, rng, shuffleSeed);
            String prompt = RulerTemplate.format(template, Map.of("context", example.context()))
                    + numbered(example.common()) + "\n" + RulerTemplate.format(template, Map.of("context",
                    real.context()));
            return new Example(prompt, real.common());
        };
        CountFitter.Fitted fitted = largestCount(ctx, "words", length, budget, NUM_CW, words.size(),
                n -> make.apply(n).context(), "instructions, question, one-shot example and " + NUM_CW + " words");
        Example chosen = make.apply(fitted.count());
        return sampleWithoutNeedles("words", length, index, fitted.prompt(), fitted.tokens(), budget,
                chosen.common());
    }

    /** "1. a 2. b …", RULER's list format. */
    static String numbered(List<String> words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(i + 1).append(". ").append(words.get(i));
        }
        return s.toString();
    }

    /** A list's text (or, once assembled, the whole prompt) and its common words. */
    private record Example(String context, List<String> common) {
        static Example draw(List<String> words, int n, int commonRepeats, int uncommonRepeats, SplittableRandom rng,
                            long shuffleSeed) {
            List<String> drawn = Shuffles.sample(words, Math.min(n, words.size()), rng);
            List<String> common = drawn.subList(0, Math.min(NUM_CW, drawn.size()));
            List<String> list = new ArrayList<>();
            for (int r = 0; r < commonRepeats; r++) {
                list.addAll(common);
            }
            for (int r = 0; r < uncommonRepeats; r++) {
                list.addAll(drawn.subList(common.size(), drawn.size()));
            }
            Shuffles.fixedShuffle(list, shuffleSeed);
            return new Example(numbered(list), List.copyOf(common));
        }
    }
}
