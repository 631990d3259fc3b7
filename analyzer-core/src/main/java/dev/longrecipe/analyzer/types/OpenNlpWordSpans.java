package dev.longrecipe.analyzer.types;

import dev.longrecipe.segmenter.anchor.OpenNlpUdTagger;
import dev.longrecipe.draw.anchor.WordTagger;
import dev.longrecipe.segmenter.text.SentenceSplitter;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Words with spans and UPOS tags from the segmenter's tagger ({@link OpenNlpUdTagger}), so the analysis and the
 * segmenter's anchor rule see the same tags. The text is split into sentences exactly as the segmenter splits it
 * ({@link SentenceSplitter}); the tags of each sentence come from the segmenter's tagger, and the word spans from
 * the same OpenNLP UD tokenizer model it uses (the segmenter's {@link WordTagger} returns tags only). The two
 * must agree word for word; if they ever do not, tagging fails loudly rather than shifting tags onto wrong words.
 * Not thread-safe.
 */
public final class OpenNlpWordSpans implements WordSpanTagger {

    /** The tokenizer model inside {@code opennlp-models-tokenizer-en} that {@link OpenNlpUdTagger} uses too. */
    static final String TOKENIZER_RESOURCE = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";

    private final WordTagger tagger;
    private final TokenizerME words;

    public OpenNlpWordSpans() {
        this(new OpenNlpUdTagger());
    }

    public OpenNlpWordSpans(WordTagger tagger) {
        this.tagger = tagger;
        try (InputStream in = OpenNlpWordSpans.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenNLP model " + TOKENIZER_RESOURCE + " is not on the classpath;"
                        + " add the jar org.apache.opennlp:opennlp-models-tokenizer-en (1.3.0)");
            }
            this.words = new TokenizerME(new TokenizerModel(in));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read OpenNLP model " + TOKENIZER_RESOURCE, e);
        }
    }

    @Override
    public List<TaggedWord> tagWords(String text) {
        List<TaggedWord> out = new ArrayList<>();
        int offset = 0;
        for (String sentence : SentenceSplitter.split(text)) {
            Span[] spans = words.tokenizePos(sentence);
            if (spans.length > 0) {
                List<String> tags = tagger.tags(sentence);
                if (tags.size() != spans.length) {
                    throw new IllegalStateException("the POS tagger returned " + tags.size() + " tags for "
                            + spans.length + " words of the sentence \"" + sentence + "\"; the tagger and the word"
                            + " tokenizer must use the same OpenNLP tokenizer model");
                }
                for (int i = 0; i < spans.length; i++) {
                    out.add(new TaggedWord(offset + spans[i].getStart(), offset + spans[i].getEnd(), tags.get(i)));
                }
            }
            offset += sentence.length();
        }
        return out;
    }
}
