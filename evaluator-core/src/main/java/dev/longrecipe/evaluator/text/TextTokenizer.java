package dev.longrecipe.evaluator.text;

import java.util.OptionalInt;

/** The model's tokenizer as the evaluator needs it: prompts to ids, generated ids back to text. */
public interface TextTokenizer extends TokenCounter {
    /**
     * Token ids of {@code text} as the model receives it: the model's BOS first when it has one (exactly once), then
     * the text's tokens (no other special tokens, no truncation).
     */
    int[] encode(String text);

    /** Text of generated ids, special tokens left out. */
    String decode(int[] ids);

    /** The BOS id {@link #encode} puts in front, or empty when the model's inputs start without one. */
    default OptionalInt bos() {
        return OptionalInt.empty();
    }

    @Override
    default int countTokens(String text) {
        return encode(text).length;
    }
}
