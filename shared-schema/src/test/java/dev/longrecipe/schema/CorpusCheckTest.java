package dev.longrecipe.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpora are checked as the stages read them: UTF-8 strictly, JSONL {"text"} per line, gzip by magic bytes. */
class CorpusCheckTest {
    @TempDir
    Path tmp;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private Path gzip(String name, byte[] bytes) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
        return file;
    }

    @Test
    void jsonlAndGzippedJsonlPass() throws IOException {
        byte[] text = "{\"text\": \"Ünïcode ✓\"}\n\n{\"text\": \"two\", \"id\": 2}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CorpusCheck.check(write("c.jsonl", text), "c.jsonl", "corpus", true).documents()).isEqualTo(2);
        CorpusCheck.Checked gz = CorpusCheck.check(gzip("c.jsonl.gz", text), "c.jsonl.gz", "corpus", true);
        assertThat(gz.documents()).isEqualTo(2);
        assertThat(gz.wholeFile()).isTrue();
    }

    @Test
    void notUtf8IsRefusedWithLineOffsetAndFix() throws IOException {
        byte[] latin1 = "{\"text\": \"ok\"}\n{\"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CorpusCheck.check(write("l.jsonl", latin1), "data/l.jsonl", "corpus", true))
                .isInstanceOf(CorpusCheck.InvalidCorpusException.class)
                .hasMessageContaining("corpus: data/l.jsonl is not UTF-8: line 2 has an invalid byte 0xe9")
                .hasMessageContaining("byte offset 28").hasMessageContaining("iconv");
    }

    @Test
    void linesThatAreNotTextObjectsAreRefused() throws IOException {
        assertThatThrownBy(() -> CorpusCheck.check(write("a.jsonl", "plain words\n".getBytes()), "a.jsonl",
                "replayCorpus", true)).hasMessageContaining("replayCorpus: a.jsonl line 1 is not JSON")
                .hasMessageContaining("{\"text\": \"…\"}");
        assertThatThrownBy(() -> CorpusCheck.check(write("b.jsonl", "{\"body\": \"x\"}\n".getBytes()), "b.jsonl",
                "corpus", true)).hasMessageContaining("line 1 is not an object with a string \"text\" field");
    }

    @Test
    void emptyMissingAndBrokenGzipAreRefused() throws IOException {
        assertThatThrownBy(() -> CorpusCheck.check(write("e.jsonl", "\n\n".getBytes()), "e.jsonl", "corpus", true))
                .hasMessageContaining("holds no documents");
        assertThatThrownBy(() -> CorpusCheck.check(tmp.resolve("none.jsonl"), "none.jsonl", "corpus", true))
                .hasMessageContaining("does not exist");
        byte[] gz = Files.readAllBytes(gzip("t.jsonl.gz", "{\"text\": \"abc\"}\n".repeat(1000).getBytes()));
        Path truncated = write("t2.jsonl.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> CorpusCheck.check(truncated, "t2.jsonl.gz", "corpus", true))
                .hasMessageContaining("not a valid gzip stream");
    }

    @Test
    void plainTextNeedsOnlyUtf8AndOnlyThePrefixIsRead() throws IOException {
        Path text = write("h.txt", "line one\nline two\n".repeat(100).getBytes());
        assertThat(CorpusCheck.check(text, "h.txt", "evaluator.haystackCorpus", false).documents()).isEqualTo(200);
        // a defect past the prefix is not seen; the check says it did not read the whole file
        byte[] bytes = ("{\"text\": \"a\"}\n".repeat(100) + "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        CorpusCheck.Checked prefix = CorpusCheck.check(write("p.jsonl", bytes), "p.jsonl", "corpus", true, 140);
        assertThat(prefix.wholeFile()).isFalse();
        assertThat(prefix.documents()).isEqualTo(10);
    }
}
