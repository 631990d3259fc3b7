package dev.longrecipe.evaluator.haystack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HaystackCorpusTest {
    @Test
    void bundledKingJamesTextLosesItsVerseReferences() {
        HaystackCorpus kjv = HaystackCorpus.bundledKjv();
        assertThat(kjv.size()).isGreaterThan(25_000);
        assertThat(kjv.sentence(0)).isEqualTo("In the beginning God created the heaven and the earth.");
        for (int i = 0; i < 2000; i++) {
            assertThat(kjv.sentence(i)).doesNotContainPattern("\\d");
        }
    }

    @Test
    void jsonlCorpusIsSplitIntoSentencesAndWrapsAround(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("docs.jsonl");
        Files.writeString(file, "{\"text\": \"First one.  Second one! Third\\nFourth?\"}\n\n{\"id\": 3}\n"
                + "{\"text\": \"Last.\"}\n");
        HaystackCorpus c = HaystackCorpus.load(file);
        assertThat(List.of(c.sentence(0), c.sentence(1), c.sentence(2), c.sentence(3), c.sentence(4)))
                .containsExactly("First one.", "Second one!", "Third", "Fourth?", "Last.");
        assertThat(c.sentence(5)).isEqualTo("First one.");
    }

    @Test
    void emptyCorpusIsRejectedWithTheFix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.txt");
        Files.writeString(file, "\n   \n");
        assertThatThrownBy(() -> HaystackCorpus.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no text").hasMessageContaining("evaluator.haystackCorpus");
        assertThatThrownBy(() -> HaystackCorpus.load(dir.resolve("missing.txt")))
                .hasMessageContaining("does not exist");
    }
}
