package dev.longrecipe.segmenter.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --key=value} arguments of the bench mains, with defaults. */
final class BenchArgs {

    private final Map<String, String> values = new HashMap<>();

    BenchArgs(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --key=value, found '" + arg + "'");
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** {@code --kjv}: the corpus both benchmarks read (default: the demo's King James text). */
    Path kjv() {
        return Path.of(get("kjv", "demo/data/kjv.txt.gz"));
    }

    /** {@code --tokenizer}: the tokenizer.json (default: the 2,048-token BPE fixture). */
    Path tokenizerJson() {
        return Path.of(get("tokenizer", "test-fixtures/tokenizer-bpe2048/tokenizer.json"));
    }
}
