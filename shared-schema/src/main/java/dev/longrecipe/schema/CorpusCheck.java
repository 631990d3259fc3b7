package dev.longrecipe.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Checks a corpus file the way the stages read it, before it is uploaded or used: it exists, is not empty, decodes
 * as UTF-8 (strictly: an invalid byte is an error here, where the stages' readers would silently turn it into
 * U+FFFD), and — for JSONL — every non-blank line is a JSON object with a string {@code "text"}. Gzip is recognised by
 * its magic bytes, as the stages do.
 *
 * <p>{@code longrecipe submit} checks corpora as JSONL (every line); the stages check only UTF-8 after downloading
 * (their readers skip and count malformed lines, and fail when no document is usable).
 *
 * <p>What is read: the first {@link #DEFAULT_PREFIX_BYTES} (64 MiB) of uncompressed text, line by line; a line cut by
 * that limit is not judged. A corpus of several GB is thus checked on its first tens of thousands of documents in
 * about a second; a defect further in is found by the stage that reads it.
 */
public final class CorpusCheck {
    /** How much uncompressed text is checked by default. */
    public static final long DEFAULT_PREFIX_BYTES = 64L << 20;
    /** Longest line accepted (a document); longer ones are almost certainly not JSONL. */
    public static final int MAX_LINE_BYTES = 256 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusCheck() {
    }

    /** A corpus that cannot be used; the message names the file as the user knows it, the problem and the fix. */
    public static final class InvalidCorpusException extends IllegalArgumentException {
        InvalidCorpusException(String message) {
            super(message);
        }
    }

    /** What was checked: documents (JSONL) or lines (text) seen, bytes read, and whether that was the whole file. */
    public record Checked(long documents, long bytesChecked, boolean wholeFile) {
    }

    /**
     * @param file    the corpus on this machine
     * @param shownAs how errors name it (the user's path, or the S3 location it was downloaded from)
     * @param field   the spec field it came from, e.g. {@code corpus}
     * @param jsonl   whether lines must be {@code {"text": …}} objects (else plain UTF-8 text)
     */
    public static Checked check(Path file, String shownAs, String field, boolean jsonl) {
        return check(file, shownAs, field, jsonl, DEFAULT_PREFIX_BYTES);
    }

    public static Checked check(Path file, String shownAs, String field, boolean jsonl, long prefixBytes) {
        String format = jsonl ? "a JSONL file with one {\"text\": \"…\"} object per line (optionally gzip-compressed)"
                : "a UTF-8 text file (optionally gzip-compressed)";
        if (!Files.isRegularFile(file)) {
            throw invalid(field, shownAs, "does not exist or is not a file", "give " + format);
        }
        try (InputStream in = open(file)) {
            return scan(in, shownAs, field, jsonl, prefixBytes, format);
        } catch (ZipException | EOFException e) {
            throw invalid(field, shownAs, "is not a valid gzip stream (" + e.getMessage() + ")",
                    "re-compress it with gzip, or upload it uncompressed");
        } catch (IOException e) {
            throw new UncheckedIOException(field + ": cannot read " + shownAs + " (" + e.getMessage() + ")", e);
        }
    }

    /** Whether a location names a JSONL corpus by its file name ({@code .jsonl} or {@code .jsonl.gz}). */
    public static boolean isJsonlName(String location) {
        String name = location.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    private static Checked scan(InputStream in, String shownAs, String field, boolean jsonl, long prefixBytes,
            String format) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
        long read = 0;
        long lineNumber = 0;
        long documents = 0;
        long lineStart = 0;
        boolean cut = false;
        while (true) {
            int b = in.read();
            if (b < 0 || b == '\n') {
                if (b < 0 && line.size() == 0) {
                    break;
                }
                lineNumber++;
                if (checkLine(line.toByteArray(), utf8, shownAs, field, jsonl, lineNumber, lineStart, format)) {
                    documents++;
                }
                line.reset();
                if (b < 0) {
                    break;
                }
                lineStart = read + 1;
            } else {
                if (line.size() >= MAX_LINE_BYTES) {
                    throw invalid(field, shownAs, "line " + (lineNumber + 1) + " is longer than " + MAX_LINE_BYTES
                            + " bytes", "give " + format + "; split very long documents");
                }
                line.write(b);
            }
            read++;
            if (read >= prefixBytes) {
                cut = in.read() >= 0;
                break;
            }
        }
        if (documents == 0 && !cut) {
            throw invalid(field, shownAs, "holds no " + (jsonl ? "documents" : "text"), "give " + format);
        }
        return new Checked(documents, read, !cut);
    }

    /** Checks one line; true when it holds a document (non-blank). */
    private static boolean checkLine(byte[] bytes, CharsetDecoder utf8, String shownAs, String field, boolean jsonl,
            long lineNumber, long lineStart, String format) {
        String text;
        try {
            text = utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalidByte(bytes);
            throw invalid(field, shownAs, "is not UTF-8: line " + lineNumber + " has an invalid byte 0x"
                    + String.format("%02x", bytes[bad] & 0xff) + " at byte offset " + (lineStart + bad)
                    + " of the (uncompressed) text", "convert it to UTF-8 (e.g. iconv -f latin1 -t utf-8)");
        }
        if (text.isBlank()) {
            return false;
        }
        if (!jsonl) {
            return true;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid(field, shownAs, "line " + lineNumber + " is not JSON (" + e.getOriginalMessage() + ")",
                    "give " + format);
        }
        if (node == null || !node.isObject() || !node.path("text").isTextual()) {
            throw invalid(field, shownAs, "line " + lineNumber + " is not an object with a string \"text\" field",
                    "give " + format);
        }
        return true;
    }

    private static int firstInvalidByte(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        d.decode(in, out, true);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static InvalidCorpusException invalid(String field, String shownAs, String problem, String fix) {
        return new InvalidCorpusException(field + ": " + shownAs + " " + problem + "; " + fix);
    }
}
