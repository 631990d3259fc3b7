package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import java.util.ArrayList;
import java.util.List;

/** Consecutive token windows of a document, for the builders that ignore sentences (PoSE, RPES, FLT). */
final class TokenWindows {

    private TokenWindows() {
    }

    /**
     * Windows [0, w), [w, 2w) … of {@code doc}; the last one is kept if it has at least {@code minLength}
     * tokens. At most {@code cap} windows (0 = no cap).
     */
    static List<SourceSpan> plan(Document doc, int window, int minLength, int cap) {
        List<SourceSpan> spans = new ArrayList<>();
        for (int start = 0; start < doc.tokenCount(); start += window) {
            int end = Math.min(doc.tokenCount(), start + window);
            if (end - start < minLength || (cap > 0 && spans.size() >= cap)) {
                break;
            }
            spans.add(new SourceSpan(start, end));
        }
        return spans;
    }

    static int[] range(int from, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    static int[] gather(int[] tokens, int[] offsets) {
        int[] out = new int[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            out[i] = tokens[offsets[i]];
        }
        return out;
    }
}
