package dev.longrecipe.analyzer;

import dev.longrecipe.analyzer.corpus.TextTokenizer;
import dev.longrecipe.analyzer.types.TokenTypeSystem;
import dev.longrecipe.analyzer.types.TokenizedSample;

import java.util.OptionalInt;

/**
 * Turns a corpus document into what both models read: the model's BOS token at position 0 when it defines one
 * ({@code dev.longrecipe.hf.BosToken}), then the text encoded without special tokens, cut so that the whole input
 * has at most {@code length} tokens — the inputs the models were trained on, and the ones the trainer's samples
 * start with. The type system types the text tokens only; the BOS gets the marker type {@link #BOS_TYPE}, and since
 * it sits at position 0, which no model predicts, it is never counted in the statistics.
 */
final class AnalysisSamples {

    /** Type of the BOS token at position 0. Not a type of any type system, never predicted, never counted. */
    static final String BOS_TYPE = "<bos>";

    private final TextTokenizer tokenizer;
    private final TokenTypeSystem typeSystem;
    private final OptionalInt bos;
    private final int length;

    AnalysisSamples(TextTokenizer tokenizer, TokenTypeSystem typeSystem, OptionalInt bos, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("analysis length must be at least 2 tokens, got " + length);
        }
        this.tokenizer = tokenizer;
        this.typeSystem = typeSystem;
        this.bos = bos;
        this.length = length;
    }

    /**
     * One input: token ids (BOS first when the model has one) and one type per token.
     *
     * @param tokenIds (T) what the models read at positions 0…T−1
     * @param types    (T) the type of every token; {@link #BOS_TYPE} at position 0 when there is a BOS
     * @param text     the text tokens alone, as the type system saw them
     */
    record Input(int[] tokenIds, String[] types, TokenizedSample text) {
        int length() {
            return tokenIds.length;
        }
    }

    Input of(String document) {
        int prefix = bos.isPresent() ? 1 : 0;
        TokenizedSample text = tokenizer.tokenize(document).truncate(length - prefix);
        String[] textTypes = typeSystem.types(text);
        if (bos.isEmpty()) {
            return new Input(text.tokenIds(), textTypes, text);
        }
        int n = text.length();
        int[] ids = new int[n + 1];
        String[] types = new String[n + 1];
        ids[0] = bos.getAsInt();
        types[0] = BOS_TYPE;
        System.arraycopy(text.tokenIds(), 0, ids, 1, n);
        System.arraycopy(textTypes, 0, types, 1, n);
        return new Input(ids, types, text);
    }

    OptionalInt bos() {
        return bos;
    }
}
