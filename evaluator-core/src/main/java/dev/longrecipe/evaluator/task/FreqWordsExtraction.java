package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.score.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * RULER's fwe ({@code freq_words_extraction.py}, alpha 2.0): a vocabulary of length/50 random six-letter "coded"
 * words (sorted, shuffled, the first replaced by "..." as noise); word k (1-based rank) appears
 * {@code int(n · k^-alpha / zeta(alpha))} times, all shuffled and joined by spaces. The question asks for the three
 * most frequent; the expected answer is ranks 2–4 (rank 1 is the dots). Scored by {@code string_match_all}; budget 50
 * tokens.
 */
final class FreqWordsExtraction extends RulerTask {
    static final String NAME = "fwe";
    static final double ALPHA = 2.0;
    static final int CODED_WORD_LENGTH = 6;

    FreqWordsExtraction() {
        super(new About(NAME,
                "frequent words extraction: the 3 most frequent coded words under a zeta(2) distribution", 50,
                Metric.STRING_MATCH_ALL, false,
                List.of("the word count is the largest whose prompt plus the answer budget fits the length (RULER fits"
                                + " the prompt alone to the length, so its prompt plus budget can exceed it)",
                        "text order: RULER's shuffles by a fixed seed, here the run seed and the task")));
    }

    @Override
    public List<TaskSample> samples(TaskContext ctx, int length) {
        return eachIndex(ctx, i -> sample(ctx, length, i));
    }

    private TaskSample sample(TaskContext ctx, int length, int index) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(ctx.seed(), NAME, length, index));
        long shuffleSeed = Seeds.derive(ctx.seed(), NAME, "order");
        List<String> vocab = vocabulary(Math.max(4, length / 50), rng, shuffleSeed);
        int budget = ctx.budgetOf(this);
        String template = RulerTemplate.FWE + RulerTemplate.FWE_ANSWER;
        java.util.function.IntFunction<String> promptOf = n -> RulerTemplate.format(template,
                Map.of("context", String.join(" ", text(vocab, n, shuffleSeed))));
        CountFitter.Fitted fitted = largestCount(ctx, "coded words", length, budget, 1, Integer.MAX_VALUE / 2,
                promptOf, "instructions and question");
        return sampleWithoutNeedles("coded words", length, index, fitted.prompt(), fitted.tokens(), budget,
                List.copyOf(vocab.subList(1, 4)));
    }

    /** {@code size} distinct coded words, sorted, shuffled by the fixed seed, the first replaced by "...". */
    static List<String> vocabulary(int size, SplittableRandom rng, long shuffleSeed) {
        TreeSet<String> words = new TreeSet<>();
        while (words.size() < size) {
            StringBuilder w = new StringBuilder(CODED_WORD_LENGTH);
            for (int i = 0; i < CODED_WORD_LENGTH; i++) {
                w.append((char) ('a' + rng.nextInt(26)));
            }
            words.add(w.toString());
        }
        List<String> vocab = new ArrayList<>(words);
        Shuffles.fixedShuffle(vocab, shuffleSeed);
        vocab.set(0, "..."); // RULER: the top-ranked word is noise
        return vocab;
    }

    /** The coded text of {@code n} words: rank k repeated int(n · k^-alpha / zeta(alpha)) times, shuffled. */
    static List<String> text(List<String> vocab, int n, long shuffleSeed) {
        double zeta = zeta(ALPHA);
        List<String> out = new ArrayList<>();
        for (int k = 1; k <= vocab.size(); k++) {
            int count = (int) (n * Math.pow(k, -ALPHA) / zeta);
            for (int c = 0; c < count; c++) {
                out.add(vocab.get(k - 1));
            }
        }
        Shuffles.fixedShuffle(out, shuffleSeed);
        return out;
    }

    /** Riemann zeta for s > 1: a partial sum plus the Euler-Maclaurin tail (relative error far below 1e-12). */
    static double zeta(double s) {
        int n = 1000;
        double sum = 0;
        for (int k = 1; k < n; k++) {
            sum += Math.pow(k, -s);
        }
        return sum + Math.pow(n, 1 - s) / (s - 1) + 0.5 * Math.pow(n, -s) + s * Math.pow(n, -s - 1) / 12;
    }
}
