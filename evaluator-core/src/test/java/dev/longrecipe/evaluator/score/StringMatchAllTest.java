package dev.longrecipe.evaluator.score;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StringMatchAllTest {
    private static final List<String> FOUR = List.of("1234567", "7654321", "1111111", "2222222");

    @Test
    void partialAnswersScoreTheFractionOfValuesFound() {
        assertThat(StringMatchAll.sampleScore("1234567 and 7654321", FOUR)).isEqualTo(0.5);
        assertThat(StringMatchAll.sampleScore("1234567, 7654321, 1111111, 2222222.", FOUR)).isEqualTo(1.0);
        assertThat(StringMatchAll.sampleScore("2222222", FOUR)).isEqualTo(0.25);
        assertThat(StringMatchAll.sampleScore("123456 7", FOUR)).isEqualTo(0.0);
    }

    @Test
    void caseDoesNotMatterAndExtraTextCostsNothing() {
        String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assertThat(StringMatchAll.sampleScore("The answer is " + uuid.toUpperCase() + ", I believe.", List.of(uuid)))
                .isEqualTo(1.0);
        assertThat(StringMatchAll.sampleScore(" 1234567. Also the numbers for others are 9999999.",
                List.of("1234567"))).isEqualTo(1.0);
    }

    @Test
    void emptyOutputScoresZero() {
        assertThat(StringMatchAll.sampleScore("", FOUR)).isZero();
        assertThat(StringMatchAll.sampleScore(null, FOUR)).isZero();
    }

    @Test
    void taskScoreIsTheMeanTimesAHundred() {
        assertThat(StringMatchAll.taskScore(List.of(1.0, 0.5, 0.0, 0.25))).isCloseTo(43.75, within(1e-12));
        assertThatThrownBy(() -> StringMatchAll.taskScore(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
