package dev.longrecipe.trainer.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleWindowCheckTest {
    private final SampleWindowCheck check = new SampleWindowCheck(8, 512);

    @Test
    void acceptsGappedPositionsInsideTheWindow() {
        assertThatCode(() -> check.check(new TrainingSample(new int[] {1, 2, 3}, new int[] {0, 4, 7}), "s"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesASampleLongerThanTheWindow() {
        assertThatThrownBy(() -> check.check(TrainingSample.contiguous(new int[9]), "sample 3 of a.shard"))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessageContaining("sample 3 of a.shard has 9 tokens").hasMessageContaining("window of 8");
    }

    @Test
    void refusesPositionIdsAtOrPastTheWindow() {
        assertThatThrownBy(() -> check.check(new TrainingSample(new int[] {1, 2}, new int[] {0, 8}), "s"))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("position id 8");
    }

    @Test
    void refusesNegativePositionIds() {
        assertThatThrownBy(() -> check.check(new TrainingSample(new int[] {1, 2}, new int[] {-1, 0}), "s"))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("position id -1");
    }

    @Test
    void refusesTokenIdsOutsideTheVocabulary() {
        assertThatThrownBy(() -> check.check(TrainingSample.contiguous(new int[] {1, 512}), "s"))
                .isInstanceOf(InvalidSampleException.class).hasMessageContaining("token id 512");
    }
}
