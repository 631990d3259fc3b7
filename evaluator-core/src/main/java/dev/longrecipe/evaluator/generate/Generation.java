package dev.longrecipe.evaluator.generate;

/**
 * Tokens a model produced after a prompt.
 *
 * @param tokens  the generated ids; an end-of-sequence token that ended decoding is not included
 * @param reason  why decoding ended
 */
public record Generation(int[] tokens, StopReason reason) {
}
