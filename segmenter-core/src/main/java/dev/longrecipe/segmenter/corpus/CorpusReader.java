package dev.longrecipe.segmenter.corpus;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a JSONL corpus line by line (gzip recognised by its magic bytes, whatever the file name), and
 * says how far through the file it is. Memory is one line.
 */
public final class CorpusReader implements AutoCloseable {

    private final Path file;
    private final long size;
    private final CountingStream counter;
    private final BufferedReader reader;
    private long lineIndex = -1;

    public CorpusReader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("corpus " + file + " does not exist or is not a file; pass a JSONL"
                    + " file with one {\"text\": …} object per line (optionally gzip-compressed)");
        }
        this.file = file;
        try {
            this.size = Math.max(1, Files.size(file));
            this.counter = new CountingStream(Files.newInputStream(file));
            InputStream in = new BufferedInputStream(counter, 1 << 16);
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            InputStream text = gzip ? new GZIPInputStream(in, 1 << 16) : in;
            this.reader = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open corpus " + file, e);
        }
    }

    /** The next line, or null at the end. */
    public String nextLine() {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineIndex++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + file + " after line " + (lineIndex + 1)
                    + " (a truncated gzip file?); fix or re-upload the corpus", e);
        }
    }

    /** 0-based index of the line last returned. */
    public long lineIndex() {
        return lineIndex;
    }

    /** Fraction of the (possibly compressed) file consumed, in [0, 1]. */
    public double fractionRead() {
        return Math.min(1.0, (double) counter.count / size);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close corpus " + file, e);
        }
    }

    private static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
