package dev.longrecipe.model.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ExtensionRopeTest {

    /** niah-base-256's shape: head_dim 64, θ 10 000, L = 256. */
    private static ModelConfig base(RopeParameters rope) {
        return new ModelConfig(Architecture.LLAMA, 2048, 256, 768, 4, 4, 4, 64, 1e-6, 256, true, false, false, false,
                null, rope);
    }

    @Test
    void theDynamicNtkRuleFor256To1024() {
        ModelConfig c = base(RopeParameters.defaultRope(10_000));
        // default s = L′/L = 4: θ·(4·4 − 3)^(64/62)
        assertThat(ExtensionRope.theta(c, null, null, 256, 1024)).isCloseTo(10_000 * Math.pow(13, 64.0 / 62),
                within(1e-6));
        // s = 1: θ·(L′/L)^(64/62) = 41 829.37, the rope_theta of the demo's reference model niah-flt-1024
        assertThat(ExtensionRope.theta(c, null, 1.0, 256, 1024)).isCloseTo(41_829.36592889948, within(1e-6));
    }

    @Test
    void reproducesPaperTable4ForLlama3At80k() {
        assertThat(DynamicNtkTheta.theta(500_000, 128, 8 * 1024, 80 * 1024, 10) / 1e6).isCloseTo(48.9, within(0.05));
    }

    @Test
    void anExplicitThetaWinsAndTheFactorOverrideIsUsed() {
        ModelConfig c = base(RopeParameters.defaultRope(10_000));
        assertThat(ExtensionRope.theta(c, 123_456.0, 7.0, 256, 1024)).isEqualTo(123_456.0);
        assertThat(ExtensionRope.theta(c, null, 2.0, 256, 1024))
                .isEqualTo(DynamicNtkTheta.theta(10_000, 64, 256, 1024, 2.0));
        assertThatThrownBy(() -> ExtensionRope.theta(c, -1.0, null, 256, 1024))
                .hasMessageContaining("trainer.ropeTheta");
    }

    @Test
    void keepsTheBaseModelsRopeTypeAndFields() {
        RopeParameters linear = new RopeParameters("linear", 10_000, 4.0, null, null, null, null, null, null, null,
                null, null);
        RopeParameters out = ExtensionRope.forTarget(base(linear), null, null, 256, 512);
        assertThat(out.ropeType()).isEqualTo("linear");
        assertThat(out.factor()).isEqualTo(4.0);
        assertThat(out.theta()).isEqualTo(DynamicNtkTheta.theta(10_000, 64, 256, 512));
    }

    @Test
    void noExtensionKeepsTheta() {
        assertThat(ExtensionRope.theta(base(RopeParameters.defaultRope(10_000)), null, null, 256, 256))
                .isEqualTo(10_000);
    }
}
