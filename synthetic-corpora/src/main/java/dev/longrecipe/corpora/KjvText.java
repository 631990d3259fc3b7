package dev.longrecipe.corpora;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The King James text as the demo ships it ({@code demo/data/kjv.txt.gz}: one verse per line, {@code Ge1:1 In the
 * beginning …}), read as books in file order. Books are numbered from 1 (Genesis) to 66 (Revelation); a
 * {@link #verses(int, int)} range picks the training books (1–60) or the held-out ones (61–66, 2 Peter to
 * Revelation). Verse references are dropped, so the only digits in generated text are the ones generators put there.
 */
public final class KjvText {
    private static final Pattern LINE = Pattern.compile("^([1-3]?[A-Za-z]+)\\d+:\\d+\\s+(.*)$");

    private final Map<String, List<String>> books;

    private KjvText(Map<String, List<String>> books) {
        this.books = books;
    }

    public static KjvText read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("KJV text " + file + " does not exist; pass the file of verses"
                    + " (one 'Ge1:1 text' line each, optionally .gz), e.g. demo/data/kjv.txt.gz");
        }
        Map<String, List<String>> books = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(file);
             BufferedReader in = new BufferedReader(new InputStreamReader(
                     file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher m = LINE.matcher(line.strip());
                if (m.matches() && !m.group(2).isBlank()) {
                    books.computeIfAbsent(m.group(1), b -> new ArrayList<>()).add(m.group(2).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read KJV text " + file + ": " + e.getMessage(), e);
        }
        if (books.isEmpty()) {
            throw new IllegalArgumentException("KJV text " + file + " has no 'Book1:1 text' lines");
        }
        return new KjvText(books);
    }

    public int bookCount() {
        return books.size();
    }

    /** The verses of books {@code first}…{@code last} (1-based, inclusive, file order), references dropped. */
    public List<String> verses(int first, int last) {
        if (first < 1 || last > books.size() || first > last) {
            throw new IllegalArgumentException("book range " + first + "-" + last + " is outside 1-" + books.size());
        }
        List<String> out = new ArrayList<>();
        int i = 1;
        for (List<String> verses : books.values()) {
            if (i >= first && i <= last) {
                out.addAll(verses);
            }
            i++;
        }
        return List.copyOf(out);
    }

    /** Parses "1-60" or "61" into {first, last}. */
    public static int[] parseRange(String range) {
        String[] parts = range.strip().split("-");
        try {
            int first = Integer.parseInt(parts[0].strip());
            int last = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : first;
            return new int[] {first, last};
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("book range '" + range + "' is not N or N-M (e.g. 1-60)");
        }
    }
}
