package dev.longrecipe.analyzer.types;

import dev.longrecipe.segmenter.anchor.AnchorRules;
import dev.longrecipe.draw.anchor.PosTypeAnchorRule;

import java.util.List;

/**
 * The type of a token is the Universal POS tag of the word it belongs to (the paper's token types: NUM, PRON, AUX,
 * CCONJ, ADP, …). Tokens are mapped to words by character offsets: a token takes the tag of the word it overlaps
 * most (a byte-level token such as "Ġthe" covers the space before "the" too). A token of spaces alone that ends
 * where a word starts belongs to that word too: it is the word's leading space, split off by the tokenizer (the
 * " " before a number whose digits a Digits pre-tokenizer splits one per token, SentencePiece's lone "▁" before
 * digits). Any other token that overlaps no word (line breaks, trailing whitespace) has the type
 * {@link #NO_WORD}, which is never an anchor. A contraction's combined tag
 * ("PRON+AUX") gives its first part to a token starting at the word's start, its last part to later tokens.
 */
public final class UposTypeSystem implements TokenTypeSystem {

    public static final String NAME = "upos";
    /** Type of tokens that overlap no word. Not a UPOS tag. */
    public static final String NO_WORD = "SPACE";
    /** The UPOS tag every sentence of the segmenter's splitter carries (its final . ! ?); never an anchor. */
    public static final String NOT_SELECTIVE = "PUNCT";

    private final WordSpanTagger tagger;

    public UposTypeSystem(WordSpanTagger tagger) {
        this.tagger = tagger;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String anchorRule() {
        return PosTypeAnchorRule.NAME;
    }

    /**
     * A UPOS tag a sentence rule can select by. Not {@code PUNCT}: the segmenter's sentences end at . ! ? (tagged
     * PUNCT), so "a sentence with a PUNCT word" is nearly every sentence and selects nothing — it would turn
     * LongRecipe into random sentence selection. PUNCT stays in the report's tables with its lift.
     */
    @Override
    public boolean isAnchorCandidate(String type) {
        return AnchorRules.UNIVERSAL_POS.contains(type) && !NOT_SELECTIVE.equals(type);
    }

    @Override
    public String[] types(TokenizedSample sample) {
        if (sample.text() == null) {
            throw new IllegalArgumentException("the upos type system needs the sample's text and token offsets;"
                    + " samples given as token ids only need analyzer.typeSystem: vocab");
        }
        return map(sample.text(), sample.charStart(), sample.charEnd(), tagger.tagWords(sample.text()));
    }

    /** The tag of every token span, given the text's words in order (no leading-space attachment without text). */
    static String[] map(int[] charStart, int[] charEnd, List<TaggedWord> words) {
        return map(null, charStart, charEnd, words);
    }

    /** The tag of every token span of {@code text}, given the text's words in order. */
    static String[] map(String text, int[] charStart, int[] charEnd, List<TaggedWord> words) {
        String[] types = new String[charStart.length];
        int first = 0; // first word that may still overlap a token (token starts never decrease)
        for (int i = 0; i < types.length; i++) {
            int start = charStart[i];
            int end = charEnd[i];
            while (first < words.size() && words.get(first).end() <= start) {
                first++;
            }
            TaggedWord best = null;
            int bestOverlap = 0;
            for (int w = first; w < words.size() && words.get(w).start() < end; w++) {
                TaggedWord word = words.get(w);
                int overlap = Math.min(end, word.end()) - Math.max(start, word.start());
                if (overlap > bestOverlap) {
                    best = word;
                    bestOverlap = overlap;
                }
            }
            if (best == null) {
                TaggedWord next = leadingSpaceOf(text, start, end, words, first);
                types[i] = next == null ? NO_WORD : part(next, next.start());
            } else {
                types[i] = part(best, start);
            }
        }
        return types;
    }

    /** The word whose leading space the token [start, end) is: spaces only, ending where the word starts. */
    private static TaggedWord leadingSpaceOf(String text, int start, int end, List<TaggedWord> words, int first) {
        if (text == null || end <= start || end > text.length()) {
            return null;
        }
        for (int c = start; c < end; c++) {
            char ch = text.charAt(c);
            if (ch != ' ' && ch != '\u2581' && ch != '\u00a0') {
                return null;
            }
        }
        for (int w = first; w < words.size() && words.get(w).start() <= end; w++) {
            if (words.get(w).start() == end) {
                return words.get(w);
            }
        }
        return null;
    }

    private static String part(TaggedWord word, int tokenStart) {
        int plus = word.upos().indexOf('+');
        if (plus < 0) {
            return word.upos();
        }
        return tokenStart <= word.start() ? word.upos().substring(0, plus)
                : word.upos().substring(word.upos().lastIndexOf('+') + 1);
    }
}
