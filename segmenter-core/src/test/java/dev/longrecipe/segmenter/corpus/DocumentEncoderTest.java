package dev.longrecipe.segmenter.corpus;

import dev.longrecipe.draw.anchor.AnchorRule;
import dev.longrecipe.draw.anchor.DigitsAnchorRule;
import dev.longrecipe.shards.Document;
import dev.longrecipe.segmenter.text.SentenceSplitter;
import dev.longrecipe.segmenter.text.TokenizerJson;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sentences of a document, laid end to end, are exactly the tokens of its text. */
class DocumentEncoderTest {

    static final Path BPE = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"),
            "tokenizer-bpe2048/tokenizer.json");
    static final Path KJV = Path.of(System.getProperty("longrecipe.kjv", "../demo/data/kjv.txt.gz"));

    /** A hand-written SentencePiece-style tokenizer: Metaspace ("▁", prepend_scheme always) and a Unigram model. */
    static Path sentencePiece() throws URISyntaxException {
        return Path.of(DocumentEncoderTest.class.getResource("/tokenizer-sentencepiece/tokenizer.json").toURI());
    }

    /** Records the text and ids every anchor rule call gets. */
    static final class Recording implements AnchorRule {
        final List<String> texts = new ArrayList<>();
        final List<int[]> ids = new ArrayList<>();

        @Override
        public synchronized boolean isAnchor(String sentence, int[] tokenIds) {
            texts.add(sentence);
            ids.add(tokenIds);
            return sentence.contains("God");
        }
    }

    static int[] sentence(Document doc, int s) {
        return Arrays.copyOfRange(doc.tokens(), doc.sentenceStarts()[s], doc.sentenceStarts()[s + 1]);
    }

    @Test
    void byteLevelBpeSentencesJoinToTheIdsOfTheText() throws Exception {
        List<String> texts = new ArrayList<>(List.of(
                "\"Go.\" he said... \"Now!\"\n\nAnd it was so.  Twice-spaced 3.14 and 1,000 cubits?! Yes:no.",
                "Ünïcödé — “quotes”. Emoji 😀 here! And tabs\tand\r\nCRLF lines.\n"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(KJV)),
                StandardCharsets.UTF_8))) {
            StringBuilder doc = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                String line = in.readLine();
                doc.append(line.substring(line.indexOf(' ') + 1)).append(i % 7 == 0 ? "\n" : " ");
                if (i % 100 == 99) {
                    texts.add(doc.toString());
                    doc.setLength(0);
                }
            }
        }
        try (TokenizerJson tokenizer = TokenizerJson.load(BPE)) {
            for (String text : texts) {
                Recording rule = new Recording();
                Document doc = new DocumentEncoder(tokenizer, rule).tokenise(text, 0);
                assertThat(doc.tokens()).as(text).isEqualTo(tokenizer.encode(text));
                assertThat(rule.ids).hasSize(doc.sentenceCount());
                for (int s = 0; s < doc.sentenceCount(); s++) {
                    assertThat(rule.ids.get(s)).isEqualTo(sentence(doc, s));
                    assertThat(doc.anchor()[s]).isEqualTo(rule.texts.get(s).contains("God"));
                }
                assertThat(rule.texts).isSubsetOf(SentenceSplitter.split(text));
            }
        }
    }

    @Test
    void sentencePieceSentencesJoinToTheIdsOfTheTextWithoutALeadingMetaspaceEach() throws Exception {
        String text = "In the beginning God created the heaven and the earth. And the earth was without form!\n"
                + "And God said: let there be light.\nLet there be light.";
        try (TokenizerJson tokenizer = TokenizerJson.load(sentencePiece())) {
            Recording rule = new Recording();
            Document doc = new DocumentEncoder(tokenizer, rule).tokenise(text, 0);

            assertThat(doc.tokens()).isEqualTo(tokenizer.encode(text));
            assertThat(rule.texts).containsExactly("In the beginning God created the heaven and the earth.",
                    " And the earth was without form!\n", "And God said: let there be light.\n",
                    "Let there be light.");
            // sentences after a newline start without "▁": the text has no space there
            assertThat(tokenizer.decode(sentence(doc, 2))).startsWith("And");
            assertThat(sentence(doc, 2)[0]).isNotEqualTo(tokenizer.encode(" And")[0]);
            assertThat(tokenizer.decode(new int[] {sentence(doc, 3)[0]})).doesNotStartWith(" ");
            assertThat(doc.anchor()).containsExactly(true, false, true, false);

            // what tokenising sentence by sentence would give: a "▁" in front of every sentence
            int[] oneByOne = SentenceSplitter.split(text).stream().map(tokenizer::encode)
                    .flatMapToInt(Arrays::stream).toArray();
            assertThat(oneByOne).isNotEqualTo(doc.tokens());
        }
    }

    @Test
    void charactersOutsideTheBasicPlaneKeepTokensInTheirSentences() throws Exception {
        String text = "𝔄 God. 😀😀 light.";
        try (TokenizerJson tokenizer = TokenizerJson.load(BPE)) {
            Recording rule = new Recording();
            Document doc = new DocumentEncoder(tokenizer, rule).tokenise(text, 0);
            assertThat(doc.tokens()).isEqualTo(tokenizer.encode(text));
            assertThat(rule.texts).containsExactly("𝔄 God.", " 😀😀 light.");
            assertThat(tokenizer.decode(sentence(doc, 1))).isEqualTo(" 😀😀 light.");
        }
    }

    @Test
    void digitsRuleStillSeesEachSentencesText() throws Exception {
        try (TokenizerJson tokenizer = TokenizerJson.load(BPE)) {
            Document doc = new DocumentEncoder(tokenizer, new DigitsAnchorRule())
                    .tokenise("Seven days. And 40 nights. Then rain.", 0);
            assertThat(doc.anchor()).containsExactly(false, true, false);
        }
    }
}
