package dev.longrecipe.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimeLeftTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFreshAttemptExtrapolatesItsOwnRate() {
        TimeLeft left = new TimeLeft();
        assertThat(left.at(0, 0)).isNegative(); // downloading: nothing measured yet
        assertThat(left.at(30 * SECOND, 0.01)).isNegative(); // the first step only starts the clock
        // 0.01 → 0.11 in 10 s: 0.89 left at that rate is 89 s
        assertThat(left.at(40 * SECOND, 0.11)).isCloseTo(89, within(1e-9));
    }

    @Test
    void aResumedAttemptDoesNotCountTheFractionItsCheckpointHadReached() {
        TimeLeft left = new TimeLeft();
        left.at(0, 0);
        left.at(60 * SECOND, 0.55); // resumed at 55 %
        // 5 % in 100 s: the remaining 40 % take 800 s (the attempt's own elapsed time over the whole fraction said 109 s)
        assertThat(left.at(160 * SECOND, 0.60)).isCloseTo(800, within(1e-9));
    }

    @Test
    void doneIsZeroAndNoProgressIsUnknown() {
        TimeLeft left = new TimeLeft();
        left.at(0, 0.5);
        assertThat(left.at(10 * SECOND, 0.5)).isNegative();
        assertThat(left.at(20 * SECOND, 1.0)).isZero();
    }
}
