package dev.longrecipe.evaluator.text;

/** The model's tokenizer as the evaluator needs it: prompts to ids, generated ids back to text. */
public interface TextTokenizer extends TokenCounter {
    /** Token ids of {@code text} as the model receives it (with the special tokens the tokenizer adds, no truncation). */
    int[] encode(String text);

    /** Text of generated ids, special tokens left out. */
    String decode(int[] ids);

    @Override
    default int countTokens(String text) {
        return encode(text).length;
    }
}
