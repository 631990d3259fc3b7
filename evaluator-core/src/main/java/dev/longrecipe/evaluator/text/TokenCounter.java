package dev.longrecipe.evaluator.text;

/** Counts text in a model's own tokens, the unit every benchmark length is measured in. */
@FunctionalInterface
public interface TokenCounter {
    /** Number of tokens the model sees for {@code text}, its BOS included when it has one. */
    int countTokens(String text);
}
