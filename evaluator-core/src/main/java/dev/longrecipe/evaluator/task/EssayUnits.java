package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.haystack.HaystackCorpus;

import java.util.Arrays;
import java.util.List;

/**
 * RULER's essay haystack: consecutive corpus sentences from an offset, joined by spaces; the partial unit is the
 * beginning of the next sentence (RULER cuts its essay at a word count, so its last sentence is cut off too).
 */
record EssayUnits(HaystackCorpus corpus, long offset) implements HaystackUnits {

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

    @Override
    public boolean segmentsAroundNeedles() {
        return true;
    }
}
