package dev.longrecipe.evaluator.score;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** RULER's string_match_all / string_match_part on the edge cases RULER's own definitions decide. */
class MetricTest {
    private static final List<String> FOUR = List.of("1234567", "7654321", "1111111", "2222222");

    @Test
    void matchAllScoresTheFractionOfReferencesFoundAnywhere() {
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("1234567 and 7654321", FOUR)).isEqualTo(0.5);
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("1234567, 7654321, 1111111, 2222222.", FOUR)).isEqualTo(1.0);
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("2222222", FOUR)).isEqualTo(0.25);
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("123456 7", FOUR)).isZero(); // split values do not count
    }

    @Test
    void extraTextAroundValuesAndLineBreaksCostNothing() {
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("The special magic number is 1234567.\nAlso 9999999.",
                List.of("1234567"))).isEqualTo(1.0);
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("first line\n2222222 on the second", FOUR)).isEqualTo(0.25);
        // a reference inside a longer number still matches, as in RULER (a substring test)
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("912345678", List.of("1234567"))).isEqualTo(1.0);
    }

    @Test
    void matchingIsCaseInsensitiveBothWays() {
        String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("It is " + uuid.toUpperCase() + ".", List.of(uuid)))
                .isEqualTo(1.0);
        assertThat(Metric.STRING_MATCH_PART.sampleScore("arthur's magazine", List.of("Arthur's Magazine")))
                .isEqualTo(1.0);
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("VAR ABCDE, fghij", List.of("abcde", "FGHIJ")))
                .isEqualTo(1.0);
    }

    @Test
    void matchPartTakesTheBestReference() {
        List<String> answers = List.of("8", "eight", "atomic number eight");
        assertThat(Metric.STRING_MATCH_PART.sampleScore("Eight", answers)).isEqualTo(1.0);
        assertThat(Metric.STRING_MATCH_PART.sampleScore("it is 8", answers)).isEqualTo(1.0);
        assertThat(Metric.STRING_MATCH_PART.sampleScore("seven", answers)).isZero();
        // part is 1 where all would be a fraction
        assertThat(Metric.STRING_MATCH_PART.sampleScore("1111111", FOUR)).isEqualTo(1.0);
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("1111111", FOUR)).isEqualTo(0.25);
    }

    @Test
    void anEmptyOutputScoresZero() {
        assertThat(Metric.STRING_MATCH_ALL.sampleScore("", FOUR)).isZero();
        assertThat(Metric.STRING_MATCH_ALL.sampleScore(null, FOUR)).isZero();
        assertThat(Metric.STRING_MATCH_PART.sampleScore(Postprocess.prediction(" \n\t "), List.of("x"))).isZero();
    }

    @Test
    void aTaskScoresTheUnroundedMeanTimesAHundred() {
        assertThat(Metric.taskScore(List.of(1.0, 0.5, 0.0, 0.25))).isCloseTo(43.75, within(1e-12));
        assertThat(Metric.taskScore(List.of(1.0, 0.0, 0.0))).isCloseTo(100.0 / 3, within(1e-12)); // RULER prints 33.33
        assertThatThrownBy(() -> Metric.taskScore(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metric.STRING_MATCH_ALL.sampleScore("x", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void postprocessStripsAndTurnsControlCharactersIntoLineBreaks() {
        assertThat(Postprocess.prediction("  1234567\n")).isEqualTo("1234567");
        assertThat(Postprocess.prediction("\n\n 1234567\tand\u00017654321 \n")).isEqualTo("1234567\nand\n7654321");
        assertThat(Postprocess.prediction("a\r\nb")).isEqualTo("a\n\nb");
        assertThat(Postprocess.prediction("  ")).isEmpty();
        assertThat(Postprocess.prediction(null)).isEmpty();
    }

    @Test
    void niahMIsTheMeanOfTheMultikeyMeanMultivalueAndMultiquery() {
        Map<String, Double> scores = new HashMap<>();
        scores.put("niah_multikey_1", 90.0);
        scores.put("niah_multikey_3", 30.0);
        scores.put("niah_multivalue", 80.0);
        assertThat(NiahM.of(scores)).isEmpty(); // multiquery missing
        scores.put("niah_multiquery", 70.0);
        scores.put("niah_single_2", 0.0); // ignored
        assertThat(NiahM.of(scores).getAsDouble()).isCloseTo((60.0 + 80.0 + 70.0) / 3, within(1e-12));
        scores.remove("niah_multikey_1");
        scores.remove("niah_multikey_3");
        assertThat(NiahM.of(scores)).isEmpty(); // no multikey task ran
    }
}
