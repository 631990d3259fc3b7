package dev.longrecipe.trainer.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads a replay corpus document by document: JSON Lines, each line {@code {"text": …}} or
 * {@code {"prompt": …, "response": …}} (an instruction pair becomes prompt + "\n" + response, the way the
 * paper's WizardLM/Magicoder replay data is plain continued text). Gzip is recognised by its magic bytes, whatever
 * the file is called. Blank lines are skipped; anything else that is not one of the two forms is an error naming
 * the line.
 */
public final class ReplayCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayCorpus() {
    }

    /**
     * Hands each document's text to {@code consumer} in file order until it returns {@code false} or the file ends.
     *
     * @return documents read
     */
    public static long forEachDocument(Path corpus, Predicate<String> consumer) {
        if (corpus == null || !Files.isRegularFile(corpus)) {
            throw new IllegalArgumentException("replay corpus " + corpus + " does not exist or is not a file; give"
                    + " replayCorpus in the run spec as JSONL ({\"text\": …} or {\"prompt\": …, \"response\": …}"
                    + " per line), or set trainer.replayFraction to 0 to skip the replay phase");
        }
        long documents = 0;
        long lineNo = 0;
        try (BufferedReader reader = open(corpus)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String text = textOf(line, corpus, lineNo);
                documents++;
                if (!consumer.test(text)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read replay corpus " + corpus + " at line " + lineNo + ": "
                    + e.getMessage(), e);
        }
        return documents;
    }

    static String textOf(String line, Path corpus, long lineNo) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("replay corpus " + corpus + " line " + lineNo + " is not JSON ("
                    + e.getOriginalMessage() + "); each line must be {\"text\": …} or {\"prompt\": …, \"response\": …}");
        }
        if (node != null && node.path("text").isTextual()) {
            return node.get("text").asText();
        }
        if (node != null && node.path("prompt").isTextual() && node.path("response").isTextual()) {
            return node.get("prompt").asText() + "\n" + node.get("response").asText();
        }
        throw new IllegalArgumentException("replay corpus " + corpus + " line " + lineNo + " has neither a \"text\""
                + " string nor \"prompt\" and \"response\" strings; fields found: "
                + (node == null ? "none" : iterable(node)));
    }

    private static String iterable(JsonNode node) {
        StringBuilder names = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> names.append(names.length() == 0 ? "" : ", ").append(n));
        return names.length() == 0 ? "none" : names.toString();
    }

    private static BufferedReader open(Path corpus) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(corpus), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
