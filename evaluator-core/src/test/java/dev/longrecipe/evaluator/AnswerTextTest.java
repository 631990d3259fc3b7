package dev.longrecipe.evaluator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTextTest {
    @Test
    void answerEndsAtTheFirstLineBreakAfterItStarted() {
        assertThat(ModelEvaluation.answerText(" 1234567.\nWhat else")).isEqualTo("1234567.");
        assertThat(ModelEvaluation.answerText("\n\n 1234567\nmore")).isEqualTo("1234567");
        assertThat(ModelEvaluation.answerText("  ")).isEmpty();
        assertThat(ModelEvaluation.answerText("")).isEmpty();
    }
}
