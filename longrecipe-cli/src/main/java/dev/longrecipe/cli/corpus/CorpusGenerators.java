package dev.longrecipe.cli.corpus;

import dev.longrecipe.corpora.FactDocuments;
import dev.longrecipe.corpora.JsonlCorpus;
import dev.longrecipe.corpora.KjvText;
import dev.longrecipe.corpora.NiahMixture;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The generators of synthetic-corpora wired to files: what {@code make-corpus} and the demo call. */
public final class CorpusGenerators {
    private CorpusGenerators() {
    }

    /** {@code count} fact documents of {@code tokens} tokens as {@code model} sees them (its BOS included). */
    public static void facts(Path kjv, String books, Path model, int tokens, int facts, long count, long seed,
                             Path out) {
        try (CorpusTokens t = CorpusTokens.of(model)) {
            FactDocuments docs = new FactDocuments(verses(kjv, books), t.counter(), t.textTokens(tokens), facts, seed);
            JsonlCorpus.write(out, count, i -> {
                FactDocuments.FactDocument d = docs.document(i);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("text", d.text());
                line.put("facts", d.facts());
                return line;
            });
        }
    }

    /** {@code count} lines of the NIAH training mixture at window {@code tokens} (BOS included). */
    public static void mixture(Path kjv, String books, Path model, int tokens, int minPromptTokens, long count,
                               long seed, Path out) {
        try (CorpusTokens t = CorpusTokens.of(model)) {
            NiahMixture mixture = new NiahMixture(verses(kjv, books), t.counter(), t.textTokens(tokens),
                    t.textTokens(minPromptTokens), seed);
            JsonlCorpus.write(out, count, i -> Map.of("text", mixture.line(i)));
        }
    }

    /** Documents of {@code versesPerDocument} consecutive verses (at most {@code count}); returns how many. */
    public static long text(Path kjv, String books, int versesPerDocument, long count, Path out) {
        List<String> verses = verses(kjv, books);
        long documents = Math.min(count, (verses.size() + versesPerDocument - 1) / versesPerDocument);
        JsonlCorpus.write(out, documents, i -> Map.of("text", String.join(" ", verses.subList(
                (int) i * versesPerDocument, (int) Math.min(verses.size(), (i + 1) * versesPerDocument)))));
        return documents;
    }

    private static List<String> verses(Path kjv, String books) {
        int[] range = KjvText.parseRange(books);
        return KjvText.read(kjv).verses(range[0], range[1]);
    }
}
