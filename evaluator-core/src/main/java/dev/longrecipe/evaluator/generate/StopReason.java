package dev.longrecipe.evaluator.generate;

/** Why greedy decoding ended. */
public enum StopReason {
    /** The model produced an end-of-sequence token (not part of the output). */
    EOS,
    /** The sample's answer budget of new tokens was produced. */
    BUDGET
}
