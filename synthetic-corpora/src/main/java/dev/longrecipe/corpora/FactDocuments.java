package dev.longrecipe.corpora;

import dev.longrecipe.evaluator.task.KeyWords;
import dev.longrecipe.evaluator.task.RulerTemplate;
import dev.longrecipe.evaluator.task.ValueType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Fact documents, the extension corpus of the demo: consecutive verses with {@code facts} facts in them. A fact is
 * RULER's needle sentence ({@code One of the special magic numbers for {key} is: {number}.}) at a random point in the
 * first 70 % of the text and, at a random later point, RULER's question and answer as running text ({@code What is
 * the special magic number for {key} mentioned in the provided text? The special magic number for {key} mentioned in
 * the provided text is {number}.}). The answer digits appear nowhere else, so predicting them takes retrieving the
 * fact, at distances up to the document's length. Every document is exactly {@code tokens} tokens long.
 */
public final class FactDocuments {
    /** A generated document and its facts (key → 7-digit number). */
    public record FactDocument(String text, List<Fact> facts) {
    }

    public record Fact(String key, String value) {
    }

    private static final double NEEDLE_SPAN = 0.7;

    private final ExactLengthText fitter;
    private final int tokens;
    private final int facts;
    private final long seed;

    /**
     * @param verses      running text, one verse (or sentence) per entry, without digits
     * @param countTokens tokens of a text as the model's tokenizer counts them, without special tokens
     * @param tokens      text tokens per document (the model's BOS, when it has one, comes on top)
     * @param facts       facts per document
     */
    public FactDocuments(List<String> verses, ToIntFunction<String> countTokens, int tokens, int facts, long seed) {
        if (facts < 1) {
            throw new IllegalArgumentException("a fact document needs at least one fact but facts was " + facts);
        }
        if (verses.isEmpty()) {
            throw new IllegalArgumentException("no verses to build fact documents from");
        }
        this.fitter = new ExactLengthText(verses, countTokens);
        this.tokens = tokens;
        this.facts = facts;
        this.seed = seed;
    }

    /** Document {@code index}: a pure function of (seed, index). */
    public FactDocument document(long index) {
        SplittableRandom rng = new SplittableRandom(Seeds.of(seed, index));
        for (int attempt = 0; attempt < 100; attempt++) {
            int start = fitter.randomStart(rng);
            List<Fact> drawn = new ArrayList<>();
            List<ExactLengthText.Insert> inserts = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            Set<String> values = new HashSet<>();
            while (drawn.size() < facts) {
                String key = KeyWords.draw(rng);
                String value = ValueType.NUMBER.draw(rng);
                if (!keys.add(key) || !values.add(value)) {
                    continue;
                }
                drawn.add(new Fact(key, value));
                double needle = rng.nextDouble() * NEEDLE_SPAN;
                double answer = needle + rng.nextDouble() * (1 - needle);
                inserts.add(new ExactLengthText.Insert(needle, RulerTemplate.needle(ValueType.NUMBER, key, value)));
                inserts.add(new ExactLengthText.Insert(Math.max(answer, Math.nextUp(needle)), questionAndAnswer(key,
                        value)));
            }
            String text = fitter.fromVerses(start, inserts,
                    UnaryOperator.identity(), tokens);
            if (text != null) {
                return new FactDocument(text, List.copyOf(drawn));
            }
        }
        throw new IllegalStateException("no fact document of exactly " + tokens + " tokens after 100 draws; with "
                + facts + " facts the text may be too short — use fewer facts or more tokens");
    }

    /** RULER's question and its answer, as running text. */
    static String questionAndAnswer(String key, String value) {
        return "What is the special magic number for " + key + " mentioned in the provided text?"
                + " The special magic number for " + key + " mentioned in the provided text is " + value + ".";
    }
}
