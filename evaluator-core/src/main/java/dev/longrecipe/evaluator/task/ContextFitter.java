package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.text.TokenCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sizes a haystack so that the whole prompt takes as many tokens as the budget allows, counted by the model's own
 * tokenizer, with needles inserted at unit (sentence or line) boundaries at the requested depths.
 *
 * <p>Search: the largest number of whole units that fits (doubling, then bisection), then the largest number of
 * words of a final partial unit. Every candidate prompt is tokenised in full, so joins between pieces are counted
 * exactly as the model will see them; the result never exceeds the budget and falls short of it by less than one
 * word's tokens (token counts grow with text almost always monotonically; a probe that did not fit is never kept).
 */
final class ContextFitter {
    private final TokenCounter tokens;
    private final Function<String, String> promptOfContext;

    /**
     * @param tokens          the model's token counter
     * @param promptOfContext the whole prompt around a given context (instructions, question, answer prefix)
     */
    ContextFitter(TokenCounter tokens, Function<String, String> promptOfContext) {
        this.tokens = tokens;
        this.promptOfContext = promptOfContext;
    }

    /**
     * @param units       the haystack's pieces
     * @param needles     needle sentences in placement order
     * @param depths      depth in [0, 1] of each needle (0 = before the first unit, 1 = after the last)
     * @param budget      tokens the prompt may take (target length minus the answer budget)
     * @param whatFor     names the task in the error when even an empty haystack does not fit
     * @param answerRoom the answer budget, named in that error
     */
    FittedContext fit(HaystackUnits units, List<String> needles, List<Double> depths, int budget, String whatFor,
                      int answerRoom) {
        Probe empty = probe(units, needles, depths, 0, 0);
        if (empty.tokens > budget) {
            throw new IllegalArgumentException("length " + (budget + answerRoom) + " is too short for " + whatFor
                    + ": the instructions, question and " + needles.size() + " needle(s) take " + empty.tokens
                    + " tokens and the answer budget " + answerRoom + " more; use evaluator.lengths of at least "
                    + (empty.tokens + answerRoom) + " (or a smaller evaluator.maxNewTokens)");
        }
        // 1. whole units: double until a probe does not fit, then bisect between the last fit and that
        Probe best = empty;
        int fits = 0;
        int tooMany = 1;
        while (true) {
            Probe p = probe(units, needles, depths, tooMany, 0);
            if (p.tokens > budget) {
                break;
            }
            best = p;
            fits = tooMany;
            if (tooMany > (1 << 24)) {
                throw new IllegalStateException("haystack did not reach " + budget + " tokens after " + tooMany
                        + " units; the tokenizer counts no tokens for the corpus text");
            }
            tooMany *= 2;
        }
        while (tooMany - fits > 1) {
            int mid = (fits + tooMany) >>> 1;
            Probe p = probe(units, needles, depths, mid, 0);
            if (p.tokens <= budget) {
                best = p;
                fits = mid;
            } else {
                tooMany = mid;
            }
        }
        // 2. words of a final partial unit
        int wordsFit = 0;
        int wordsTooMany = units.tailWords(fits).size() + 1;
        while (wordsTooMany - wordsFit > 1) {
            int mid = (wordsFit + wordsTooMany) >>> 1;
            Probe p = probe(units, needles, depths, fits, mid);
            if (p.tokens <= budget) {
                best = p;
                wordsFit = mid;
            } else {
                wordsTooMany = mid;
            }
        }
        return new FittedContext(best.prompt, best.tokens, best.context, best.needlePositions, best.unitCount);
    }

    private Probe probe(HaystackUnits units, List<String> needles, List<Double> depths, int wholeUnits, int tailWords) {
        List<String> pieces = new ArrayList<>(wholeUnits + 1);
        for (int i = 0; i < wholeUnits; i++) {
            pieces.add(units.unit(i));
        }
        if (tailWords > 0) {
            pieces.add(String.join(" ", units.tailWords(wholeUnits).subList(0, tailWords)));
        }
        // needle i goes before whole unit boundary(i) (n = after the last whole unit, before any partial one);
        // equal boundaries keep the needles' order
        int n = wholeUnits;
        int[] boundary = new int[needles.size()];
        for (int i = 0; i < needles.size(); i++) {
            boundary[i] = (int) Math.round(depths.get(i) * n);
        }
        StringBuilder context = new StringBuilder();
        int[] needleOffsets = new int[needles.size()];
        for (int b = 0; b <= pieces.size(); b++) {
            for (int i = 0; i < needles.size(); i++) {
                if (boundary[i] == b) {
                    if (!context.isEmpty()) {
                        context.append(units.joiner());
                    }
                    needleOffsets[i] = context.length();
                    context.append(needles.get(i));
                }
            }
            if (b < pieces.size()) {
                if (!context.isEmpty()) {
                    context.append(units.joiner());
                }
                context.append(pieces.get(b));
            }
        }
        String ctx = context.toString();
        List<Double> positions = new ArrayList<>(needles.size());
        for (int offset : needleOffsets) {
            positions.add(ctx.isEmpty() ? 0.0 : (double) offset / ctx.length());
        }
        String prompt = promptOfContext.apply(ctx);
        return new Probe(prompt, tokens.countTokens(prompt), ctx, positions, pieces.size());
    }

    private record Probe(String prompt, int tokens, String context, List<Double> needlePositions, int unitCount) {
    }

    /**
     * @param needlePositions where each needle starts, as a fraction of the context's characters
     * @param unitCount       haystack units (whole and partial) in the context
     */
    record FittedContext(String prompt, int promptTokens, String context, List<Double> needlePositions,
                         int unitCount) {
    }
}
