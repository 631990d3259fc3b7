package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.text.TokenCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Sizes a haystack so that the whole prompt takes as many tokens as the budget allows, counted by the model's own
 * tokenizer, with needles inserted at unit (sentence or line) boundaries where a {@link NeedlePlacement} puts them.
 *
 * <p>Search: the largest number of whole units that fits, then the largest number of words of a final partial unit;
 * each starts from an estimate (the units' own token counts summed, tokens per word of the tail) and gallops from it
 * to a bracket that it then bisects, and stops at a prompt of exactly the budget (any more text adds a token), so a
 * prompt takes a handful of full counts rather than a doubling from one unit. Every candidate prompt is counted in
 * full, so joins between pieces are counted exactly as the model will see them; the result never exceeds the budget
 * and falls short of it by less than one word's tokens (token counts grow with text almost always monotonically; a
 * probe that did not fit is never kept).
 */
final class ContextFitter {
    /** More units than any context needs: the tokenizer must count tokens for the corpus text. */
    private static final int MAX_UNITS = 1 << 24;

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
     * @param needles     needles (or other inserted lines) in needle order
     * @param placement   where each needle goes for a given count of whole units
     * @param budget      tokens the prompt may take (target length minus the answer budget)
     * @param task        the task, named when even an empty haystack does not fit
     * @param variant     its haystack variant, likewise
     * @param answerRoom  the answer budget, likewise
     * @param fixedParts  what the prompt holds besides haystack, likewise
     * @throws PromptDoesNotFitException when the prompt without any haystack is already over the budget
     */
    FittedContext fit(HaystackUnits units, List<String> needles, NeedlePlacement placement, int budget, String task,
                      String variant, int answerRoom, String fixedParts) {
        Probe empty = probe(units, needles, placement, 0, 0);
        if (empty.tokens > budget) {
            throw new PromptDoesNotFitException(task, variant, budget + answerRoom, empty.tokens, answerRoom,
                    fixedParts);
        }
        // 1. whole units: estimate the count from the units' own token counts (short texts, cheap to count), gallop
        // from the estimate until a probe that fits and one that does not bracket the answer, then bisect
        int nothing = tokens.countTokens("");
        int room = budget - empty.tokens;
        int guess = 0;
        for (long sum = 0; guess <= room; guess++) {
            sum += Math.max(1, tokens.countTokens(units.unit(guess)) - nothing);
            if (sum > room) {
                break;
            }
        }
        Fit whole = largestFitting(new Fit(0, empty), Integer.MAX_VALUE, guess, budget,
                n -> probe(units, needles, placement, n, 0));
        // 2. words of a final partial unit, likewise from an estimate of tokens per word
        List<String> tail = units.tailWords(whole.n());
        double perWord = tail.isEmpty() ? 1 : Math.max(0.25, (tokens.countTokens(String.join(" ", tail))
                - nothing) / (double) tail.size());
        Fit best = largestFitting(new Fit(0, whole.probe()), tail.size() + 1,
                (int) Math.min(tail.size(), (budget - whole.probe().tokens) / perWord), budget,
                n -> probe(units, needles, placement, whole.n(), n));
        Probe b = best.probe();
        return new FittedContext(b.prompt, b.tokens, b.context, b.needlePositions, b.unitCount,
                placement.depths(b.unitCount));
    }

    /**
     * The largest count whose probe fits the budget, between {@code known} (a count that fits, with its probe) and
     * {@code tooMany} (a count that does not, or a bound beyond every valid count): first the guess, then steps of
     * 1, 2, 4 … away from it until the answer is bracketed, then bisection. A probe that did not fit is never kept.
     */
    private static Fit largestFitting(Fit known, int tooMany, int guess, int budget, IntFunction<Probe> probeOf) {
        Fit fits = known;
        if (fits.probe().tokens == budget) {
            return fits; // every unit or word adds at least one token
        }
        int g = Math.max(fits.n() + 1, Math.min(guess, tooMany - 1));
        if (g < tooMany) {
            Probe p = probeOf.apply(g);
            if (p.tokens <= budget) {
                fits = new Fit(g, p);
                for (long step = 1; fits.probe().tokens < budget; step *= 2) {
                    long c = fits.n() + step;
                    if (c >= tooMany) {
                        break;
                    }
                    if (c > MAX_UNITS) {
                        throw new IllegalStateException("haystack did not reach " + budget + " tokens after "
                                + fits.n() + " units; the tokenizer counts no tokens for the corpus text");
                    }
                    Probe q = probeOf.apply((int) c);
                    if (q.tokens > budget) {
                        tooMany = (int) c;
                        break;
                    }
                    fits = new Fit((int) c, q);
                }
            } else {
                tooMany = g;
                for (int step = 1; ; step *= 2) {
                    int c = tooMany - step;
                    if (c <= fits.n()) {
                        break;
                    }
                    Probe q = probeOf.apply(c);
                    if (q.tokens <= budget) {
                        fits = new Fit(c, q);
                        break;
                    }
                    tooMany = c;
                }
            }
        }
        while (tooMany - fits.n() > 1 && fits.probe().tokens < budget) {
            int mid = (int) (((long) fits.n() + tooMany) >>> 1);
            Probe p = probeOf.apply(mid);
            if (p.tokens <= budget) {
                fits = new Fit(mid, p);
            } else {
                tooMany = mid;
            }
        }
        return fits;
    }

    /** A count of units (or words) and the prompt it gives. */
    private record Fit(int n, Probe probe) {
    }

    private Probe probe(HaystackUnits units, List<String> needles, NeedlePlacement placement, int wholeUnits,
                        int tailWords) {
        List<String> pieces = new ArrayList<>(wholeUnits + 1);
        for (int i = 0; i < wholeUnits; i++) {
            pieces.add(units.unit(i));
        }
        if (tailWords > 0) {
            pieces.add(String.join(" ", units.tailWords(wholeUnits).subList(0, tailWords)));
        }
        // needle i goes before unit boundary(i) of the units in the context (a partial unit counts, as RULER's
        // cut-off last sentence does); equal boundaries keep the needles' order
        int[] boundary = placement.boundaries(pieces.size());
        StringBuilder context = new StringBuilder();
        int[] needleOffsets = new int[needles.size()];
        if (units.segmentsAroundNeedles()) {
            // RULER's essay assembly: the runs of units between consecutive needles (empty runs included, which
            // doubles the joiner there), alternating with the needles, all joined by the joiner
            int from = 0;
            for (int i = 0; i <= needles.size(); i++) {
                int to = i < needles.size() ? boundary[i] : pieces.size();
                if (i > 0) {
                    context.append(units.joiner());
                }
                context.append(String.join(units.joiner(), pieces.subList(from, Math.max(from, to))));
                from = Math.max(from, to);
                if (i < needles.size()) {
                    context.append(units.joiner());
                    needleOffsets[i] = context.length();
                    context.append(needles.get(i));
                }
            }
        } else {
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
     * @param depths          each needle's depth in [0, 1] as placed
     */
    record FittedContext(String prompt, int promptTokens, String context, List<Double> needlePositions,
                         int unitCount, List<Double> depths) {
    }
}
