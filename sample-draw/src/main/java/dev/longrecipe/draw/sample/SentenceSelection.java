package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import dev.longrecipe.draw.position.PositionIndexTransform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Sentence selection as the paper describes it (docs/ALGORITHMS.md §2), shared by "longrecipe" and its
 * "Random T" ablation (which passes {@code useAnchors = false}).
 *
 * <p><b>Spans.</b> A sample stands for at most L′ tokens of text: a span grows sentence by sentence from
 * where the previous one ended until it holds L′ tokens or its anchor sentences alone reach Ls tokens.
 * Documents rich in anchor sentences therefore yield shorter spans and more samples (the paper's
 * upsampling). A remainder shorter than Ls yields no sample.
 *
 * <p><b>Selection.</b> Every anchor sentence of the span is kept; the rest of the Ls tokens are filled with
 * non-anchor sentences of the span drawn at random; the last drawn sentence is cut to its first tokens so
 * the sample has exactly Ls tokens. If the anchors alone exceed Ls, the last anchor (in document order) is
 * cut instead. Kept sentences stay in document order and are the segments the position transform spreads
 * over [0, L′).
 */
record SentenceSelection(boolean useAnchors, int sampleLength, int window, int cap,
                         PositionIndexTransform transform) {

    List<SourceSpan> plan(Document doc) {
        List<SourceSpan> spans = new ArrayList<>();
        int s = 0;
        int sentences = doc.sentenceCount();
        while (s < sentences && (cap == 0 || spans.size() < cap)) {
            int e = s;
            long spanTokens = 0;
            long anchorTokens = 0;
            while (e < sentences && anchorTokens < sampleLength) {
                int len = doc.sentenceLength(e);
                if (e > s && spanTokens + len > window) {
                    break;
                }
                spanTokens += len;
                if (useAnchors && doc.anchor()[e]) {
                    anchorTokens += len;
                }
                e++;
            }
            if (spanTokens < sampleLength) {
                break;
            }
            spans.add(new SourceSpan(doc.sentenceStarts()[s], doc.sentenceStarts()[e]));
            s = e;
        }
        return spans;
    }

    Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
        int first = doc.sentenceOf(span.start());
        int end = doc.sentenceOf(span.end() - 1) + 1;
        int[] kept = new int[end - first]; // tokens kept from each sentence of the span (a prefix of it)

        long anchorTokens = 0;
        for (int s = first; s < end; s++) {
            if (useAnchors && doc.anchor()[s]) {
                anchorTokens += doc.sentenceLength(s);
            }
        }
        if (anchorTokens >= sampleLength) {
            int need = sampleLength;
            for (int s = first; s < end && need > 0; s++) {
                if (doc.anchor()[s]) {
                    kept[s - first] = Math.min(need, doc.sentenceLength(s));
                    need -= kept[s - first];
                }
            }
        } else {
            int need = (int) (sampleLength - anchorTokens);
            int[] fill = new int[end - first];
            int candidates = 0;
            for (int s = first; s < end; s++) {
                if (useAnchors && doc.anchor()[s]) {
                    kept[s - first] = doc.sentenceLength(s);
                } else {
                    fill[candidates++] = s;
                }
            }
            // draw fill sentences without replacement (partial Fisher–Yates) until Ls tokens are reached
            for (int i = 0; i < candidates && need > 0; i++) {
                int j = i + rng.nextInt(candidates - i);
                int s = fill[j];
                fill[j] = fill[i];
                fill[i] = s;
                kept[s - first] = Math.min(need, doc.sentenceLength(s));
                need -= kept[s - first];
            }
        }
        return assemble(doc, first, kept, rng);
    }

    /** The sample made of the first kept[i] tokens of sentence first + i, positions from the transform. */
    Sample assemble(Document doc, int first, int[] kept, RandomGenerator rng) {
        int segments = 0;
        int total = 0;
        for (int k : kept) {
            segments += k > 0 ? 1 : 0;
            total += k;
        }
        int[] lengths = new int[segments];
        int[] source = new int[total];
        int seg = 0;
        int t = 0;
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] > 0) {
                lengths[seg++] = kept[i];
                int start = doc.sentenceStarts()[first + i];
                for (int k = 0; k < kept[i]; k++) {
                    source[t++] = start + k;
                }
            }
        }
        int[] positions = transform.positions(lengths, window, rng);
        if (positions.length < total) { // max-skip stopped at the window: drop the tokens it could not place
            source = Arrays.copyOf(source, positions.length);
        }
        return new Sample(TokenWindows.gather(doc.tokens(), source), positions, source);
    }
}
