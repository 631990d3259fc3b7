package dev.longrecipe.analyzer.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the analyzer's tests run on: H (fixture llama-default: θ 10 000, head_dim 16, L 256) and H′ (llama-linear4),
 * each with the KJV tokenizer cut to their vocabulary, and a corpus of the first KJV chapters.
 */
public record ModelPair(Path base, Path reference, Path corpus) {

    /** Writes H to {@code dir/h}, H′ to {@code dir/h-prime} and {@code chapters} KJV chapters to {@code dir/kjv.jsonl}. */
    public static ModelPair write(Path dir, int chapters) throws IOException {
        return new ModelPair(Fixtures.modelWithTokenizer("llama-default", dir, "h"),
                Fixtures.modelWithTokenizer("llama-linear4", dir, "h-prime"),
                Fixtures.kjvChapters(dir.resolve("kjv.jsonl"), chapters));
    }
}
