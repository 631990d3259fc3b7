package dev.longrecipe.segmenter.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longrecipe.draw.anchor.AnchorRule;
import dev.longrecipe.shards.Document;
import dev.longrecipe.segmenter.text.SentenceSplitter;
import dev.longrecipe.segmenter.text.TokenizerJson;

import java.util.Arrays;
import java.util.List;

/**
 * One corpus line → a tokenised {@link Document}, or the {@link BadInput} reason it is not one. The text is split into
 * sentences ({@link SentenceSplitter}) and tokenised once as a whole; each token belongs to the sentence holding its
 * first character. So the sentences' ids laid end to end are exactly the ids of the text (tokenising sentence by
 * sentence would not be: byte-level BPE merges across a boundary differently, SentencePiece puts a "▁" in front of
 * every sentence). Sentences left with no token (a merge took their first character) are left out. Thread-safe.
 */
public final class DocumentEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenizerJson tokenizer;
    private final AnchorRule anchorRule;

    public DocumentEncoder(TokenizerJson tokenizer, AnchorRule anchorRule) {
        this.tokenizer = tokenizer;
        this.anchorRule = anchorRule;
    }

    /** Either a document or the reason the line gives none. */
    public record Encoded(Document document, BadInput problem) {
    }

    public Encoded encode(String line, long index) {
        if (line.isBlank()) {
            return new Encoded(null, BadInput.BLANK_LINE);
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new Encoded(null, BadInput.INVALID_JSON);
        }
        if (node == null || !node.isObject()) {
            return new Encoded(null, BadInput.INVALID_JSON);
        }
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            return new Encoded(null, BadInput.MISSING_TEXT);
        }
        Document doc = tokenise(text.asText(), index);
        return doc.tokenCount() == 0 ? new Encoded(null, BadInput.EMPTY_DOCUMENT) : new Encoded(doc, null);
    }

    /** Splits, tokenises the whole text, gives each sentence its tokens and marks anchors. */
    public Document tokenise(String text, long index) {
        List<String> sentences = SentenceSplitter.split(text);
        TokenizerJson.Tokens encoded = tokenizer.encodeWithStarts(text);
        int[] tokens = encoded.ids();
        int[] starts = new int[sentences.size() + 1];
        boolean[] anchor = new boolean[sentences.size()];
        int kept = 0;
        int t = 0;
        int sentenceEnd = 0;
        for (int s = 0; s < sentences.size(); s++) {
            String sentence = sentences.get(s);
            int first = t;
            sentenceEnd += sentence.length();
            boolean last = s == sentences.size() - 1;
            while (t < tokens.length && (last || encoded.starts()[t] < sentenceEnd)) {
                t++;
            }
            if (t == first) {
                continue;
            }
            starts[kept] = first;
            anchor[kept] = anchorRule.isAnchor(sentence, Arrays.copyOfRange(tokens, first, t));
            kept++;
        }
        starts[kept] = tokens.length;
        return new Document(index, tokens, Arrays.copyOf(starts, kept + 1), Arrays.copyOf(anchor, kept));
    }
}
