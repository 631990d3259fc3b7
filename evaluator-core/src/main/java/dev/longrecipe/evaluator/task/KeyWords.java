package dev.longrecipe.evaluator.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/** Needle keys as RULER makes them: an adjective-noun word pair such as {@code "fierce-lantern"}. */
public final class KeyWords {
    private static final List<String> ADJECTIVES = read("adjectives.txt");
    private static final List<String> NOUNS = read("nouns.txt");

    private KeyWords() {
    }

    public static String draw(SplittableRandom rng) {
        return ADJECTIVES.get(rng.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(rng.nextInt(NOUNS.size()));
    }

    private static List<String> read(String resource) {
        try (InputStream in = KeyWords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("word list " + resource + " is missing from the evaluator jar");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
