package dev.longrecipe.evaluator.text;

import dev.longrecipe.hf.BosToken;
import dev.longrecipe.model.tokenizer.HfTokenizer;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The models' {@code tokenizer.json} (model-core's {@link HfTokenizer}) as the evaluator uses it: text encoded
 * without the tokenizer's own special tokens, and the model's BOS ({@link BosToken}) put in front when the model has
 * one, so that a prompt starts with exactly one BOS whatever the tokenizer's post-processor says; answers decoded
 * without special tokens.
 */
public final class ModelTokenizer implements TextTokenizer, AutoCloseable {
    private final HfTokenizer tokenizer;
    private final OptionalInt bos;

    private ModelTokenizer(HfTokenizer tokenizer, OptionalInt bos) {
        this.tokenizer = tokenizer;
        this.bos = bos;
    }

    /**
     * @param tokenizerJsonOrFolder a tokenizer.json file, or a model folder holding one
     * @param bos                   the models' BOS id ({@link BosToken#of}), or empty when their inputs have none
     */
    public static ModelTokenizer load(Path tokenizerJsonOrFolder, OptionalInt bos) {
        return new ModelTokenizer(HfTokenizer.load(tokenizerJsonOrFolder, false), bos);
    }

    @Override
    public int[] encode(String text) {
        return BosToken.prepend(bos, tokenizer.encodeInts(text));
    }

    /** Tokens of {@code encode(text)}, counted without copying the encoding (the context fitter calls it often). */
    @Override
    public int countTokens(String text) {
        return tokenizer.countTokens(text) + (bos.isPresent() ? 1 : 0);
    }

    @Override
    public String decode(int[] ids) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wide[i] = ids[i];
        }
        return tokenizer.decodeSkippingSpecialTokens(wide);
    }

    @Override
    public OptionalInt bos() {
        return bos;
    }

    public Path source() {
        return tokenizer.source();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
