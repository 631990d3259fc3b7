package dev.longrecipe.segmenter.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longrecipe.segmenter.anchor.AnchorRule;
import dev.longrecipe.segmenter.sample.Document;
import dev.longrecipe.segmenter.text.SentenceSplitter;
import dev.longrecipe.segmenter.text.TokenizerJson;

import java.util.List;

/**
 * One corpus line → a tokenised {@link Document}, or the {@link BadInput} reason it is not one. Sentences
 * are split on the text and tokenised one by one (ALGORITHMS.md §2); sentences that tokenise to nothing
 * are left out. Thread-safe.
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

    /** Splits, tokenises and marks anchors. */
    public Document tokenise(String text, long index) {
        List<String> sentences = SentenceSplitter.split(text);
        int[][] ids = new int[sentences.size()][];
        boolean[] anchors = new boolean[sentences.size()];
        int kept = 0;
        int total = 0;
        for (String sentence : sentences) {
            int[] sentenceIds = tokenizer.encode(sentence);
            if (sentenceIds.length == 0) {
                continue;
            }
            ids[kept] = sentenceIds;
            anchors[kept] = anchorRule.isAnchor(sentence, sentenceIds);
            total += sentenceIds.length;
            kept++;
        }
        int[] tokens = new int[total];
        int[] starts = new int[kept + 1];
        boolean[] anchor = new boolean[kept];
        int t = 0;
        for (int s = 0; s < kept; s++) {
            starts[s] = t;
            anchor[s] = anchors[s];
            System.arraycopy(ids[s], 0, tokens, t, ids[s].length);
            t += ids[s].length;
        }
        starts[kept] = total;
        return new Document(index, tokens, starts, anchor);
    }
}
