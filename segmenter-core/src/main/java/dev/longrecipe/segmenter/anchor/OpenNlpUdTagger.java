package dev.longrecipe.segmenter.anchor;

import dev.longrecipe.draw.anchor.WordTagger;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;


/**
 * Universal POS tags from Apache OpenNLP's English UD-EWT models (the {@code opennlp-models-tokenizer-en}
 * and {@code opennlp-models-pos-en} jars, loaded from the classpath). The models are immutable and
 * shared; OpenNLP's tokenizer and tagger objects are not thread-safe, so each thread gets its own pair.
 */
public final class OpenNlpUdTagger implements WordTagger {

    static final String TOKENIZER_RESOURCE = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    static final String POS_RESOURCE = "/opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";

    private final ThreadLocal<TokenizerME> tokenizers;
    private final ThreadLocal<POSTaggerME> taggers;

    public OpenNlpUdTagger() {
        try (InputStream tokens = stream(TOKENIZER_RESOURCE); InputStream pos = stream(POS_RESOURCE)) {
            TokenizerModel tokenizerModel = new TokenizerModel(tokens);
            POSModel posModel = new POSModel(pos);
            this.tokenizers = ThreadLocal.withInitial(() -> new TokenizerME(tokenizerModel));
            this.taggers = ThreadLocal.withInitial(() -> new POSTaggerME(posModel, POSTagFormat.UD));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the OpenNLP UD models from the classpath", e);
        }
    }

    @Override
    public List<String> tags(String sentence) {
        String[] words = tokenizers.get().tokenize(sentence);
        if (words.length == 0) {
            return List.of();
        }
        return Arrays.asList(taggers.get().tag(words));
    }

    private static InputStream stream(String resource) {
        InputStream in = OpenNlpUdTagger.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("OpenNLP model " + resource + " is not on the classpath; add the jars"
                    + " org.apache.opennlp:opennlp-models-tokenizer-en and opennlp-models-pos-en (1.3.0)");
        }
        return in;
    }
}
