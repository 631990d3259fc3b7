package dev.longrecipe.evaluator.generate;

/** Why greedy decoding ended. */
public enum StopReason {
    /** The model produced an end-of-sequence token (not part of the output). */
    EOS,
    /** The answer text reached a line break after some non-blank text. */
    NEWLINE,
    /** evaluator.maxNewTokens tokens were produced. */
    BUDGET
}
