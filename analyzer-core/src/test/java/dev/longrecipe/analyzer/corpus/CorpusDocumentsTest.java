package dev.longrecipe.analyzer.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusDocumentsTest {

    static List<String> all(Path corpus) {
        List<String> out = new ArrayList<>();
        try (CorpusDocuments documents = CorpusDocuments.open(corpus)) {
            documents.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void readsGzippedJsonlInOrderSkippingBlankLinesAndBlankTexts(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("c.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(corpus))) {
            out.write("{\"text\": \"first\\nline\"}\n\n{\"text\": \"   \"}\n{\"text\": \"second\", \"id\": 7}\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(all(corpus)).containsExactly("first\nline", "second");
    }

    @Test
    void aLineWithoutTextIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
        Path corpus = Files.writeString(dir.resolve("c.jsonl"), "{\"text\": \"ok\"}\n{\"body\": \"x\"}\n");
        assertThatThrownBy(() -> all(corpus)).hasMessageContaining("line 2").hasMessageContaining("\"text\"");
    }

    @Test
    void aLineThatIsNotJsonIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
        Path corpus = Files.writeString(dir.resolve("c.jsonl"), "plain text\n");
        assertThatThrownBy(() -> all(corpus)).hasMessageContaining("line 1 is not JSON");
    }

    @Test
    void aMissingCorpusIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> CorpusDocuments.open(dir.resolve("none.jsonl")))
                .hasMessageContaining("does not exist").hasMessageContaining("JSONL");
    }
}
