package dev.longrecipe.analyzer.corpus;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.longrecipe.analyzer.types.TokenizedSample;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model's {@code tokenizer.json} (through DJL's Hugging Face tokenizers) giving token ids with character spans:
 * no special tokens, no truncation, no padding (DJL's defaults would cut every text at 512 tokens).
 */
public final class TextTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final Path source;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, Path source) {
        this.tokenizer = tokenizer;
        this.source = source;
    }

    public static TextTokenizer load(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("tokenizer " + tokenizerJson + " does not exist; the base model's"
                    + " folder must contain the tokenizer.json it was trained with");
        }
        try {
            return new TextTokenizer(HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optTruncation(false)
                    .optPadding(false)
                    .optAddSpecialTokens(false)
                    .build(), tokenizerJson);
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new IllegalArgumentException("could not load tokenizer " + tokenizerJson + ": " + e
                    + "; it must be a Hugging Face tokenizer.json, and DJL must run with -Dai.djl.offline=true and a"
                    + " writable DJL_CACHE_DIR", e);
        }
    }

    /** Token ids of {@code text} with each token's span in {@code text} (Java string indices). */
    public TokenizedSample tokenize(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        long[] ids = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int[] tokenIds = new int[ids.length];
        int[] start = new int[ids.length];
        int[] end = new int[ids.length];
        int[] utf16 = codePointToUtf16(text);
        for (int i = 0; i < ids.length; i++) {
            tokenIds[i] = Math.toIntExact(ids[i]);
            start[i] = utf16 == null ? spans[i].getStart() : utf16[spans[i].getStart()];
            end[i] = utf16 == null ? spans[i].getEnd() : utf16[spans[i].getEnd()];
        }
        return new TokenizedSample(text, tokenIds, start, end);
    }

    /** Text of {@code ids}, special tokens kept. */
    public String decode(int[] ids) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wide[i] = ids[i];
        }
        return tokenizer.decode(wide, false);
    }

    public Path source() {
        return source;
    }

    /** The tokenizer counts characters as code points; null when they coincide with Java's UTF-16 indices. */
    private static int[] codePointToUtf16(String text) {
        if (text.codePointCount(0, text.length()) == text.length()) {
            return null;
        }
        int[] map = new int[text.codePointCount(0, text.length()) + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            map[cp++] = i;
        }
        map[cp] = text.length();
        return map;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
