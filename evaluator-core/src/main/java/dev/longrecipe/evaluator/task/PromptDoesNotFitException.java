package dev.longrecipe.evaluator.task;

/**
 * A task's prompt cannot fit a length: its fixed parts (instructions, question, needles, one-shot example) with no
 * haystack at all, plus the answer budget, take more tokens. The evaluator records the task as skipped at that length
 * with {@link #reason()}.
 */
public final class PromptDoesNotFitException extends IllegalArgumentException {
    private final String task;
    private final String variant;
    private final int length;
    private final int neededLength;
    private final String fixedParts;

    /**
     * @param fixedParts what the prompt holds besides haystack text, e.g. "instructions, question and 4 needles"
     */
    PromptDoesNotFitException(String task, String variant, int length, int emptyPromptTokens, int answerBudget,
                              String fixedParts) {
        super("length " + length + " is too short for " + task + " (" + variant + "): the " + fixedParts + " take "
                + emptyPromptTokens + " tokens and the answer budget " + answerBudget + " more; use evaluator.lengths"
                + " of at least " + (emptyPromptTokens + answerBudget) + " (or a smaller evaluator.maxNewTokens)");
        this.task = task;
        this.variant = variant;
        this.length = length;
        this.neededLength = emptyPromptTokens + answerBudget;
        this.fixedParts = fixedParts;
    }

    /** "instructions, question and N needle(s)". */
    static String needles(int n) {
        return "instructions, question and " + n + " needle" + (n == 1 ? "" : "s");
    }

    public String task() {
        return task;
    }

    public String variant() {
        return variant;
    }

    public int length() {
        return length;
    }

    /** Tokens the prompt needs with no haystack at all, answer budget included (this sample's keys and values). */
    public int neededLength() {
        return neededLength;
    }

    /** One line for results.json and the report. */
    public String reason() {
        return "the prompt does not fit: " + fixedParts + " (" + variant + " haystack) with no haystack text take "
                + neededLength + " tokens with the answer budget, more than " + length;
    }
}
