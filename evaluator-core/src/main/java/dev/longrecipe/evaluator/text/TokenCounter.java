package dev.longrecipe.evaluator.text;

/** Counts text in a model's own tokens, the unit every benchmark length is measured in. */
@FunctionalInterface
public interface TokenCounter {
    /** Number of tokens the model sees for {@code text} (special tokens the tokenizer adds included). */
    int countTokens(String text);
}
