package dev.longrecipe.cli.corpus;

import dev.longrecipe.hf.BosToken;
import dev.longrecipe.model.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.function.ToIntFunction;

/**
 * A model folder's tokenizer as the corpus generators count with it: text tokens without special tokens, and
 * whether the model's inputs start with a BOS (which then takes one token of every length asked for).
 */
record CorpusTokens(HfTokenizer tokenizer, boolean bos) implements AutoCloseable {
    static CorpusTokens of(Path modelDir) {
        return new CorpusTokens(HfTokenizer.load(modelDir, false), BosToken.of(modelDir).isPresent());
    }

    ToIntFunction<String> counter() {
        return tokenizer::countTokens;
    }

    /** Text tokens for a sequence of {@code total} tokens the model sees. */
    int textTokens(int total) {
        return bos ? total - 1 : total;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
