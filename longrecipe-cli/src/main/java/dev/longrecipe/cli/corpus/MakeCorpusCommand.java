package dev.longrecipe.cli.corpus;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longrecipe make-corpus facts|mixture|text}: the demo's corpora as commands anyone can point a spec at.
 * Seeded and deterministic (the same arguments give the same file), JSONL like any corpus.
 */
@Command(name = "make-corpus", description = "Generate a corpus: fact documents, the NIAH training mixture, or KJV text.",
        subcommands = {MakeCorpusCommand.Facts.class, MakeCorpusCommand.Mixture.class, MakeCorpusCommand.Text.class})
public final class MakeCorpusCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("give one of: facts, mixture, text (see --help)");
        return 2;
    }

    /** Options every generator shares; a generator writes its corpus and says what it wrote. */
    abstract static class Common implements Callable<Integer> {
        @Option(names = "--kjv", description = "verses, one 'Ge1:1 text' line each (default: demo/data/kjv.txt.gz)")
        Path kjv;

        @Option(names = "--books", defaultValue = "1-60",
                description = "book range in file order (1 = Genesis … 66 = Revelation); default ${DEFAULT-VALUE},"
                        + " the books the demo's models were trained on (61-66 are held out)")
        String books;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--count", required = true, description = "lines to write")
        long count;

        @Option(names = "--out", required = true, description = "output .jsonl or .jsonl.gz")
        Path out;

        Path kjvFile() {
            return kjv != null ? kjv : Path.of(System.getProperty("longrecipe.home", ".")).resolve("demo/data/kjv.txt.gz");
        }

        /** Writes the corpus to {@link #out}; returns the line that says what was written. */
        abstract String generate();

        @Override
        public Integer call() {
            System.out.println(generate());
            return 0;
        }
    }

    /** Generators whose lines are measured in a model's tokens. */
    abstract static class ForModel extends Common {
        @Option(names = "--model", required = true, description = "model folder: its tokenizer and BOS set the length")
        Path model;
    }

    @Command(name = "facts", description = "Fact documents: verses with facts whose answers need retrieval.")
    static final class Facts extends ForModel {
        @Option(names = "--tokens", required = true, description = "tokens per document as the model sees it (BOS included)")
        int tokens;

        @Option(names = "--facts", defaultValue = "4", description = "facts per document (default ${DEFAULT-VALUE})")
        int facts;

        @Override
        String generate() {
            CorpusGenerators.facts(kjvFile(), books, model, tokens, facts, count, seed, out);
            return count + " fact documents of " + tokens + " tokens → " + out;
        }
    }

    @Command(name = "mixture", description = "The NIAH training mixture: KJV windows and niah_single prompts.")
    static final class Mixture extends ForModel {
        @Option(names = "--tokens", required = true, description = "L: tokens of a window and of the longest prompt")
        int tokens;

        @Option(names = "--min-prompt-tokens", defaultValue = "160")
        int minPromptTokens;

        @Override
        String generate() {
            CorpusGenerators.mixture(kjvFile(), books, model, tokens, minPromptTokens, count, seed, out);
            return count + " mixture lines of up to " + tokens + " tokens → " + out;
        }
    }

    @Command(name = "text", description = "Plain KJV documents of N verses (haystacks, perplexity text).")
    static final class Text extends Common {
        @Option(names = "--verses", defaultValue = "40", description = "verses per document")
        int versesPerDocument;

        @Override
        String generate() {
            long documents = CorpusGenerators.text(kjvFile(), books, versesPerDocument, count, out);
            return documents + " documents of " + versesPerDocument + " verses → " + out;
        }
    }

}
