package dev.longrecipe.evaluator.text;

import dev.longrecipe.model.tokenizer.HfTokenizer;

import java.nio.file.Path;

/**
 * The models' {@code tokenizer.json} (model-core's {@link HfTokenizer}) as the evaluator uses it: prompts encoded
 * with the special tokens the tokenizer's post-processor adds (e.g. Llama's BOS), because that is what the model
 * sees in front of a prompt; answers decoded without special tokens.
 */
public final class ModelTokenizer implements TextTokenizer, AutoCloseable {
    private final HfTokenizer tokenizer;

    private ModelTokenizer(HfTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Loads a tokenizer.json file, or the one in a model folder. */
    public static ModelTokenizer load(Path tokenizerJsonOrFolder) {
        return new ModelTokenizer(HfTokenizer.load(tokenizerJsonOrFolder, true));
    }

    @Override
    public int[] encode(String text) {
        long[] ids = tokenizer.encodeIds(text);
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wide[i] = ids[i];
        }
        return tokenizer.decodeSkippingSpecialTokens(wide);
    }

    public Path source() {
        return tokenizer.source();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
