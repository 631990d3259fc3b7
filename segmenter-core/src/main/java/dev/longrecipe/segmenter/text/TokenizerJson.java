package dev.longrecipe.segmenter.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face {@code tokenizer.json} loaded through DJL, configured for corpus work: no truncation
 * (DJL's default would cut every text at 512 tokens), no padding, no special tokens.
 *
 * <p>{@link #encode} and {@link #encodeWithStarts} go straight to the native library (encode, read ids, free) instead of
 * {@code HuggingFaceTokenizer.encode}, which copies eleven arrays (tokens as strings, char spans, masks …)
 * out of every encoding; on short sentences that copying costs more than the tokenising itself.
 * The native tokenizer is immutable once built, so one instance is shared by all worker threads.
 */
public final class TokenizerJson implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final long handle;
    private final Path source;

    private TokenizerJson(HuggingFaceTokenizer tokenizer, Path source) {
        this.tokenizer = tokenizer;
        this.handle = tokenizer.getHandle();
        this.source = source;
    }

    /** Loads {@code tokenizerJson}; a missing or unreadable file gives a {@link TokenizerLoadException} naming the fix. */
    public static TokenizerJson load(Path tokenizerJson) {
        if (tokenizerJson == null || !Files.isRegularFile(tokenizerJson)) {
            throw new TokenizerLoadException("tokenizer file " + tokenizerJson + " does not exist or is not a file;"
                    + " pass the tokenizer.json of the base model (a Hugging Face model folder has one)", null);
        }
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optTruncation(false)
                    .optPadding(false)
                    .optAddSpecialTokens(false)
                    .build();
            return new TokenizerJson(tokenizer, tokenizerJson);
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new TokenizerLoadException("could not load tokenizer " + tokenizerJson + ": " + e
                    + "; the file must be a Hugging Face tokenizer.json (the 'tokenizers' library format), and DJL"
                    + " must run with -Dai.djl.offline=true and a writable DJL_CACHE_DIR", e);
        }
    }

    /** Token ids of {@code text}, exactly as the tokenizer produces them (no specials, no truncation). */
    public int[] encode(String text) {
        long encoding = TokenizersLibrary.LIB.encode(handle, text, false);
        try {
            long[] ids = TokenizersLibrary.LIB.getTokenIds(encoding);
            int[] out = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                out[i] = (int) ids[i];
            }
            return out;
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    /**
     * Token ids of a text and where each token starts in it.
     *
     * @param ids    token ids, exactly as {@link #encode} gives them
     * @param starts for each token, the index (a Java {@code char} index) of the first character of the text it covers
     */
    public record Tokens(int[] ids, int[] starts) {
    }

    /** {@link #encode} plus each token's first character, from the same native encoding. */
    public Tokens encodeWithStarts(String text) {
        long encoding = TokenizersLibrary.LIB.encode(handle, text, false);
        try {
            long[] ids = TokenizersLibrary.LIB.getTokenIds(encoding);
            CharSpan[] spans = TokenizersLibrary.LIB.getTokenCharSpans(encoding);
            int[] charIndex = charIndexOfCodePoint(text);
            int[] outIds = new int[ids.length];
            int[] starts = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                outIds[i] = (int) ids[i];
                // a token without offsets (none without special tokens) is put with the token before it
                starts[i] = spans[i] == null ? (i == 0 ? 0 : starts[i - 1]) : charIndex[spans[i].getStart()];
            }
            return new Tokens(outIds, starts);
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    /** The native library counts offsets in Unicode code points, Java strings in UTF-16 chars: the map between them. */
    private static int[] charIndexOfCodePoint(String text) {
        int[] map = new int[text.codePointCount(0, text.length()) + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            map[cp++] = i;
        }
        map[cp] = text.length();
        return map;
    }

    /** Text of the given ids; special tokens are kept so a reader sees everything the model sees. */
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

    @Override
    public void close() {
        tokenizer.close();
    }
}
