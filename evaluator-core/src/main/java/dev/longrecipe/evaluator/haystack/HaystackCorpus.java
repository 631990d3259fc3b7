package dev.longrecipe.evaluator.haystack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The text haystacks are cut from, as one long run of sentences in corpus order.
 *
 * <p>Formats: JSONL ({@code {"text": …}} per line, the run's corpus format) when the file name ends in
 * {@code .jsonl} or {@code .jsonl.gz}, each document split on its own; otherwise plain text, where a sentence may
 * run on across line breaks (a King James verse ending in ";" continues in the next verse). Either may be gzip-compressed
 * ({@code .gz}). A leading verse reference such as {@code Ge1:1 } (the bundled King James text) is dropped, so the
 * only digits in a haystack are the ones the needles put there.
 */
public final class HaystackCorpus {
    /** The King James Version shipped with the evaluator, used when a run names no haystack corpus. */
    public static final String BUNDLED_KJV = "/dev/longrecipe/evaluator/haystack/kjv.txt.gz";

    private static final Pattern VERSE_REFERENCE = Pattern.compile("^[1-3]?[A-Z][a-z]*\\d+:\\d+\\s+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Role HAYSTACK = new Role("haystack corpus", "evaluator.haystackCorpus",
            "leave it out to use the bundled King James text");
    private static final Role PERPLEXITY = new Role("perplexity corpus", "evaluator.perplexityCorpus",
            "leave it out to measure perplexity on the haystack corpus");

    private final String source;
    private final List<String> sentences;

    private HaystackCorpus(String source, List<String> sentences, Role role) {
        if (sentences.isEmpty()) {
            throw new IllegalArgumentException(role.what + " " + source + " has no text (no non-blank line"
                    + (source.contains(".jsonl") ? " with a \"text\" field" : "") + "); point " + role.field
                    + " at a text or JSONL file with prose in it, or " + role.otherwise);
        }
        this.source = source;
        this.sentences = List.copyOf(sentences);
    }

    /** Which spec field a corpus file came from, for the errors. */
    private record Role(String what, String field, String otherwise) {
    }

    /** Reads a haystack corpus file (plain text or JSONL, optionally gzip). */
    public static HaystackCorpus load(Path file) {
        return load(file, HAYSTACK);
    }

    /** Reads the held-out text perplexity is measured on (evaluator.perplexityCorpus; same formats). */
    public static HaystackCorpus loadPerplexityCorpus(Path file) {
        return load(file, PERPLEXITY);
    }

    private static HaystackCorpus load(Path file, Role role) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(role.what + " " + file + " does not exist; set " + role.field
                    + " to a text or JSONL file, or " + role.otherwise);
        }
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), name.endsWith(".gz") ? new GZIPInputStream(in) : in,
                    name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"), role);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + role.what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** The bundled King James text. */
    public static HaystackCorpus bundledKjv() {
        try (InputStream in = HaystackCorpus.class.getResourceAsStream(BUNDLED_KJV)) {
            if (in == null) {
                throw new IllegalStateException("bundled corpus " + BUNDLED_KJV + " is missing from the evaluator jar");
            }
            return read("bundled:kjv.txt.gz", new GZIPInputStream(in), false, HAYSTACK);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled King James text: " + e.getMessage(), e);
        }
    }

    /** A corpus of separate documents: no sentence spans two of them (tests, callers with text in memory). */
    public static HaystackCorpus of(String source, List<String> documents) {
        return of(source, documents, false, HAYSTACK);
    }

    /**
     * @param runOn true when the passages are consecutive lines of one text, so that a sentence not finished at the
     *              end of a passage continues in the next
     */
    private static HaystackCorpus of(String source, List<String> passages, boolean runOn, Role role) {
        List<String> sentences = new ArrayList<>();
        String pending = "";
        for (String p : passages) {
            String text = VERSE_REFERENCE.matcher(p).replaceFirst("");
            List<String> split = SentenceSplitter.split(pending.isEmpty() ? text : pending + " " + text);
            pending = "";
            if (runOn && !split.isEmpty() && !SentenceSplitter.endsSentence(split.get(split.size() - 1))) {
                pending = split.remove(split.size() - 1);
            }
            sentences.addAll(split);
        }
        if (!pending.isEmpty()) {
            sentences.add(pending);
        }
        return new HaystackCorpus(source, sentences, role);
    }

    private static HaystackCorpus read(String source, InputStream in, boolean jsonl, Role role) throws IOException {
        List<String> passages = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (jsonl) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(role.what + " " + source + " line " + lineNumber
                            + " is not JSON (" + e.getMessage() + "); a .jsonl corpus needs one {\"text\": …}"
                            + " object per line");
                }
                JsonNode text = node.get("text");
                if (text != null && text.isTextual()) {
                    passages.add(text.asText());
                }
            } else {
                passages.add(line);
            }
        }
        return of(source, passages, !jsonl, role);
    }

    /** Sentence {@code i}, wrapping around the end of the corpus. */
    public String sentence(long i) {
        return sentences.get((int) Math.floorMod(i, (long) sentences.size()));
    }

    public int size() {
        return sentences.size();
    }

    public String source() {
        return source;
    }
}
