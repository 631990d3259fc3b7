package dev.longrecipe.analyzer.types;

import java.util.List;

/** Splits a text into words, each with its character span and Universal POS tag, in text order. */
public interface WordSpanTagger {

    List<TaggedWord> tagWords(String text);
}
