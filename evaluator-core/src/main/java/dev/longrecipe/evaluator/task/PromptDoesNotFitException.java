package dev.longrecipe.evaluator.task;

/**
 * A task's prompt cannot fit a length: the instructions, question and needles alone (no haystack) plus the answer
 * budget take more tokens. The evaluator records the task as skipped at that length with {@link #reason()}.
 */
public final class PromptDoesNotFitException extends IllegalArgumentException {
    private final String task;
    private final String variant;
    private final int length;
    private final int neededLength;
    private final int needles;

    PromptDoesNotFitException(String task, String variant, int length, int emptyPromptTokens, int answerBudget,
                              int needles) {
        super("length " + length + " is too short for " + task + " (" + variant + "): the instructions, question and "
                + needles + " needle(s) take " + emptyPromptTokens + " tokens and the answer budget " + answerBudget
                + " more; use evaluator.lengths of at least " + (emptyPromptTokens + answerBudget)
                + " (or a smaller evaluator.maxNewTokens)");
        this.task = task;
        this.variant = variant;
        this.length = length;
        this.neededLength = emptyPromptTokens + answerBudget;
        this.needles = needles;
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
        return "the prompt does not fit: instructions, question and " + needles + " needle" + (needles == 1 ? "" : "s")
                + " (" + variant + " haystack) with no haystack text take " + neededLength + " tokens with the answer"
                + " budget, more than " + length;
    }
}
