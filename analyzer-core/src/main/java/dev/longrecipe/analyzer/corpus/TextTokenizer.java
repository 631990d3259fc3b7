package dev.longrecipe.analyzer.corpus;

import dev.longrecipe.analyzer.types.TokenizedSample;
import dev.longrecipe.model.tokenizer.Encoded;
import dev.longrecipe.model.tokenizer.HfTokenizer;

import java.nio.file.Path;

/**
 * The base model's {@code tokenizer.json} (model-core's {@link HfTokenizer}: no special tokens, no truncation) giving
 * token ids with character spans as Java string indices. The tokenizers library counts characters as Unicode code
 * points, so spans after a character outside the Basic Multilingual Plane (an emoji, say) are shifted to UTF-16
 * indices here; without that, such a text's later tokens would be mapped to the wrong words.
 */
public final class TextTokenizer implements AutoCloseable {

    private final HfTokenizer tokenizer;

    private TextTokenizer(HfTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Loads a tokenizer.json (or the one in a model folder). */
    public static TextTokenizer load(Path tokenizerJson) {
        return new TextTokenizer(HfTokenizer.load(tokenizerJson, false));
    }

    /** Token ids of {@code text} with each token's span in {@code text} (Java string indices). */
    public TokenizedSample tokenize(String text) {
        Encoded encoded = tokenizer.encode(text);
        int n = encoded.size();
        int[] tokenIds = new int[n];
        int[] start = new int[n];
        int[] end = new int[n];
        int[] utf16 = codePointToUtf16(text);
        for (int i = 0; i < n; i++) {
            tokenIds[i] = Math.toIntExact(encoded.ids()[i]);
            start[i] = utf16 == null ? encoded.charStart()[i] : utf16[encoded.charStart()[i]];
            end[i] = utf16 == null ? encoded.charEnd()[i] : utf16[encoded.charEnd()[i]];
        }
        return new TokenizedSample(text, tokenIds, start, end);
    }

    /** Text of {@code ids}, special tokens kept. */
    public String decode(int[] ids) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wide[i] = ids[i];
        }
        return tokenizer.decode(wide);
    }

    public Path source() {
        return tokenizer.source();
    }

    /** Code point index → UTF-16 index (length = code points + 1); null when the two coincide. */
    private static int[] codePointToUtf16(String text) {
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            return null;
        }
        int[] map = new int[codePoints + 1];
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
