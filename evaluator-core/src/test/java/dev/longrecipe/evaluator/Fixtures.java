package dev.longrecipe.evaluator;

import java.nio.file.Path;

/** Paths of the reference fixtures in the repository's test-fixtures/ (see its README.md). */
public final class Fixtures {
    public static final Path ROOT = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"));
    public static final Path TOKENIZER_BPE2048 = ROOT.resolve("tokenizer-bpe2048/tokenizer.json");
    public static final Path LLAMA_DEFAULT = ROOT.resolve("hf-reference/llama-default");
    public static final Path QWEN2 = ROOT.resolve("hf-reference/qwen2");
    public static final Path LLAMA_TIED = ROOT.resolve("hf-reference/llama-tied-theta1m");

    private Fixtures() {
    }
}
