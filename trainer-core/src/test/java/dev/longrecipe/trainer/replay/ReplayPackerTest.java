package dev.longrecipe.trainer.replay;

import dev.longrecipe.model.tokenizer.HfTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayPackerTest {
    /** One token per character (its code point), so expected blocks can be written by hand. */
    private static final Function<String, int[]> CHARS = s -> s.chars().toArray();
    private static final OptionalInt NO_BOS = OptionalInt.empty();

    @TempDir
    Path dir;

    private Path jsonl(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines), StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void joinsDocumentsWithEosAndCutsExactBlocks() throws IOException {
        Path corpus = jsonl("c.jsonl", "{\"text\":\"abc\"}", "{\"text\":\"defgh\"}");
        List<int[]> blocks = new ArrayList<>();
        ReplayPacker.Packed packed = new ReplayPacker(CHARS, 4, 0, NO_BOS).pack(corpus, 10, blocks::add);
        // a b c <eos> d e f g h <eos> → two full blocks, the last 2 tokens dropped
        assertThat(blocks).containsExactly(new int[] {'a', 'b', 'c', 0}, new int[] {'d', 'e', 'f', 'g'});
        assertThat(packed).isEqualTo(new ReplayPacker.Packed(2, 2, 8));
    }

    @Test
    void stopsReadingOnceEnoughBlocksArePacked() throws IOException {
        Path corpus = jsonl("c.jsonl", "{\"text\":\"abcdefgh\"}", "{\"text\":\"ijkl\"}", "not json at all");
        List<int[]> blocks = new ArrayList<>();
        ReplayPacker.Packed packed = new ReplayPacker(CHARS, 3, null, NO_BOS).pack(corpus, 2, blocks::add);
        assertThat(blocks).hasSize(2);
        assertThat(packed.documents()).isEqualTo(1);
    }

    @Test
    void readsPromptResponsePairsAndGzipWhateverTheFileIsCalled() throws IOException {
        Path corpus = dir.resolve("pairs.jsonl");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(corpus))) {
            out.write("{\"prompt\":\"ab\",\"response\":\"cd\"}\n\n{\"text\":\"e\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        List<int[]> blocks = new ArrayList<>();
        new ReplayPacker(CHARS, 3, null, NO_BOS).pack(corpus, 5, blocks::add);
        assertThat(blocks).containsExactly(new int[] {'a', 'b', '\n'}, new int[] {'c', 'd', 'e'});
    }

    @Test
    void aLineOfAnotherShapeIsAnErrorNamingTheLine() throws IOException {
        Path corpus = jsonl("c.jsonl", "{\"text\":\"abc\"}", "{\"content\":\"x\"}");
        assertThatThrownBy(() -> new ReplayPacker(CHARS, 100, null, NO_BOS).pack(corpus, 5, b -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2")
                .hasMessageContaining("content");
    }

    @Test
    void aMissingCorpusExplainsHowToSkipReplay() {
        assertThatThrownBy(() -> new ReplayPacker(CHARS, 4, null, NO_BOS).pack(dir.resolve("nope.jsonl"), 1, b -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replayFraction to 0");
    }

    @Test
    void packsWithARealTokenizerJson() throws IOException {
        Path corpus = jsonl("kjv.jsonl", "{\"text\":\"In the beginning God created the heaven and the earth.\"}",
                "{\"text\":\"And the earth was without form, and void.\"}");
        try (HfTokenizer tok = HfTokenizer.load(
                dev.longrecipe.trainer.testing.TinyTraining.FIXTURES.resolve("tokenizer-bpe2048/tokenizer.json"), false)) {
            int[] first = tok.encodeInts("In the beginning God created the heaven and the earth.");
            List<int[]> blocks = new ArrayList<>();
            new ReplayPacker(tok::encodeInts, 5, 2, NO_BOS).pack(corpus, 1,
                    blocks::add);
            assertThat(blocks).hasSize(1);
            assertThat(blocks.get(0)).isEqualTo(Arrays.copyOf(first, 5));
        }
    }

    @Test
    void withABosTokenEveryBlockStartsWithItAndStillHoldsExactlyBlockLengthTokens() throws IOException {
        Path corpus = jsonl("c.jsonl", "{\"text\":\"abc\"}", "{\"text\":\"defgh\"}");
        List<int[]> blocks = new ArrayList<>();
        ReplayPacker.Packed packed = new ReplayPacker(CHARS, 4, 0, OptionalInt.of(1)).pack(corpus, 10, blocks::add);
        // <bos> + 3 packed tokens per block: a b c | <eos> d e | f g h; the trailing <eos> is dropped
        assertThat(blocks).containsExactly(new int[] {1, 'a', 'b', 'c'}, new int[] {1, 0, 'd', 'e'},
                new int[] {1, 'f', 'g', 'h'});
        assertThat(packed).isEqualTo(new ReplayPacker.Packed(3, 2, 12));
    }
}
