package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.haystack.HaystackCorpus;

import java.util.Arrays;
import java.util.List;

/** Consecutive corpus sentences from an offset; the partial unit is the beginning of the next sentence. */
final class EssayUnits implements HaystackUnits {
    private final HaystackCorpus corpus;
    private final long offset;

    EssayUnits(HaystackCorpus corpus, long offset) {
        this.corpus = corpus;
        this.offset = offset;
    }

    @Override
    public String unit(int i) {
        return corpus.sentence(offset + i);
    }

    @Override
    public List<String> tailWords(int completeUnits) {
        return Arrays.asList(corpus.sentence(offset + completeUnits).split(" "));
    }

    @Override
    public String joiner() {
        return " ";
    }
}
