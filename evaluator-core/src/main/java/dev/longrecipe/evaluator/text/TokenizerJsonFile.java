package dev.longrecipe.evaluator.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face {@code tokenizer.json} through DJL, set up for benchmark prompts: no truncation (DJL would cut at
 * 512 tokens), no padding, and the special tokens the file's post-processor adds (e.g. Llama's BOS), because that
 * is what the model sees in front of a prompt.
 */
public final class TokenizerJsonFile implements TextTokenizer, AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Path source;

    private TokenizerJsonFile(HuggingFaceTokenizer tokenizer, Path source) {
        this.tokenizer = tokenizer;
        this.source = source;
    }

    /** Loads {@code tokenizerJson}; a missing or unreadable file is an error naming the fix. */
    public static TokenizerJsonFile load(Path tokenizerJson) {
        if (tokenizerJson == null || !Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("tokenizer " + tokenizerJson + " does not exist; the evaluator needs the"
                    + " tokenizer.json of the models it compares (put it in the base model folder or pass it explicitly)");
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optTruncation(false)
                    .optPadding(false)
                    .optAddSpecialTokens(true)
                    .build();
            return new TokenizerJsonFile(t, tokenizerJson);
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new IllegalArgumentException("could not load tokenizer " + tokenizerJson + ": " + e
                    + "; it must be a Hugging Face tokenizer.json, and DJL must run with -Dai.djl.offline=true and a"
                    + " writable DJL_CACHE_DIR", e);
        }
    }

    @Override
    public int[] encode(String text) {
        Encoding encoding = tokenizer.encode(text);
        long[] ids = encoding.getIds();
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
        return tokenizer.decode(wide, true);
    }

    public Path source() {
        return source;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
