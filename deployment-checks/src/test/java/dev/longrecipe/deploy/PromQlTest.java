package dev.longrecipe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {
    @Test
    void findsMetricNamesButNotFunctionsLabelsGroupingsOrDurations() {
        assertThat(PromQl.metricNames("sum by (stage, retriable) (increase(longrecipe_stage_failures_total"
                + "{stage=~\"a|b\", x=\"rate(y)\"}[1h])) / on (stage) up offset 5m"))
                .containsExactly("longrecipe_stage_failures_total", "up");
    }

    @Test
    void readsBareMetricsAndBinaryOperations() {
        assertThat(PromQl.metricNames("a_total - b and c unless d"))
                .containsExactly("a_total", "b", "c", "d");
    }
}
