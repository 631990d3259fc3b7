package dev.longrecipe.analyzer.types;

import dev.longrecipe.segmenter.anchor.AnchorRules;
import dev.longrecipe.segmenter.anchor.PosTypeAnchorRule;

import java.util.List;

/**
 * The type of a token is the Universal POS tag of the word it belongs to (the paper's token types: NUM, PRON, AUX,
 * CCONJ, ADP, …). Tokens are mapped to words by character offsets: a token takes the tag of the word it overlaps
 * most (a byte-level token such as "Ġthe" covers the space before "the" too). A token that overlaps no word
 * (whitespace, line breaks) has the type {@link #NO_WORD}, which is never an anchor. A contraction's combined tag
 * ("PRON+AUX") gives its first part to a token starting at the word's start, its last part to later tokens.
 */
public final class UposTypeSystem implements TokenTypeSystem {

    public static final String NAME = "upos";
    /** Type of tokens that overlap no word. Not a UPOS tag. */
    public static final String NO_WORD = "SPACE";

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

    @Override
    public boolean isAnchorCandidate(String type) {
        return AnchorRules.UNIVERSAL_POS.contains(type);
    }

    @Override
    public String[] types(TokenizedSample sample) {
        if (sample.text() == null) {
            throw new IllegalArgumentException("the upos type system needs the sample's text and token offsets;"
                    + " samples given as token ids only need analyzer.typeSystem: vocab");
        }
        return map(sample.charStart(), sample.charEnd(), tagger.tagWords(sample.text()));
    }

    /** The tag of every token span, given the text's words in order. */
    static String[] map(int[] charStart, int[] charEnd, List<TaggedWord> words) {
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
            types[i] = best == null ? NO_WORD : part(best, start);
        }
        return types;
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
