package dev.longrecipe.model.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face {@code tokenizer.json} through DJL's binding of the tokenizers library, configured for long
 * texts: no truncation (DJL's default cuts at 512 tokens), no padding, special tokens added only when asked.
 */
public final class HfTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Path source;
    private final boolean addSpecialTokens;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, Path source, boolean addSpecialTokens) {
        this.tokenizer = tokenizer;
        this.source = source;
        this.addSpecialTokens = addSpecialTokens;
    }

    /**
     * @param tokenizerJson    a tokenizer.json file, or a model folder holding one
     * @param addSpecialTokens whether encode adds the tokenizer's special tokens (e.g. BOS) per its post-processor
     */
    public static HfTokenizer load(Path tokenizerJson, boolean addSpecialTokens) {
        Path file = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve("tokenizer.json") : tokenizerJson;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no tokenizer.json at " + file + "; a model folder must ship the "
                    + "fast-tokenizer file tokenizer.json (save it with tokenizer.save_pretrained in Python)");
        }
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(addSpecialTokens)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            return new HfTokenizer(t, file, addSpecialTokens);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /** Token ids and character offsets of {@code text}, however long. */
    public Encoded encode(String text) {
        Encoding e = tokenizer.encode(text);
        long[] ids = e.getIds();
        CharSpan[] spans = e.getCharTokenSpans();
        int[] start = new int[ids.length];
        int[] end = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            CharSpan s = spans == null || i >= spans.length ? null : spans[i];
            start[i] = s == null ? -1 : s.getStart();
            end[i] = s == null ? -1 : s.getEnd();
        }
        return new Encoded(ids, start, end);
    }

    /** Token ids of {@code text}. */
    public long[] encodeIds(String text) {
        return tokenizer.encode(text).getIds();
    }

    /** Token ids of {@code text} as ints, what samples and prompts hold (a vocabulary id beyond int range fails). */
    public int[] encodeInts(String text) {
        long[] ids = encodeIds(text);
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /**
     * How many tokens {@code text} has (special tokens as configured), straight from the native library: no copy of
     * the encoding's strings, offsets and masks, which cost more than the tokenising on short texts.
     */
    public int countTokens(String text) {
        long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, addSpecialTokens);
        try {
            return TokenizersLibrary.LIB.getTokenIds(encoding).length;
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    /** Text of {@code ids}; special tokens are kept. */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, false);
    }

    /** Text of {@code ids} without special tokens. */
    public String decodeSkippingSpecialTokens(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    public Path source() {
        return source;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
