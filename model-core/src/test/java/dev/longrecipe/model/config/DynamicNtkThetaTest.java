package dev.longrecipe.model.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DynamicNtkThetaTest {

    @Test
    void reproducesPaperTable4ForLlama3At80k() {
        double theta = DynamicNtkTheta.theta(500_000, 128, 8 * 1024, 80 * 1024, 10);
        assertThat(theta / 1e6).isCloseTo(48.9, within(0.05));
    }

    @Test
    void reproducesPaperTable4ForLlama3At128k() {
        double theta = DynamicNtkTheta.theta(500_000, 128, 8 * 1024, 128 * 1024, 16);
        assertThat(theta / 1e6).isCloseTo(131.5, within(0.05));
    }

    @Test
    void reproducesPaperTable4ForQwen2WhenTheRuleIsEvaluatedAtFactorTimesL() {
        double theta = DynamicNtkTheta.theta(1_000_000, 128, 32 * 1024, 128 * 1024, 4);
        assertThat(theta / 1e6).isCloseTo(13.5, within(0.05));
        // Qwen2-7B 80k with s = 4 at L′ = 80k gives about 7.2M, not the table's 13.5M (see the class comment).
        assertThat(DynamicNtkTheta.theta(1_000_000, 128, 32 * 1024, 80 * 1024, 4) / 1e6).isCloseTo(7.2, within(0.1));
    }

    @Test
    void defaultFactorIsTargetOverBaseLength() {
        assertThat(DynamicNtkTheta.theta(500_000, 128, 8192, 81920))
                .isEqualTo(DynamicNtkTheta.theta(500_000, 128, 8192, 81920, 10.0));
    }

    @Test
    void factorOneAtTheBaseLengthKeepsTheta() {
        assertThat(DynamicNtkTheta.theta(10_000, 16, 256, 256, 1)).isEqualTo(10_000);
    }

    @Test
    void refusesFactorBelowOneWithTheSpecFieldToFix() {
        assertThatThrownBy(() -> DynamicNtkTheta.theta(10_000, 16, 256, 1024, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trainer.ropeFactor");
    }

    @Test
    void refusesHeadDimensionThatMakesTheExponentUndefined() {
        assertThatThrownBy(() -> DynamicNtkTheta.theta(10_000, 2, 256, 1024, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head dimension");
    }
}
