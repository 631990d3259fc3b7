package dev.longrecipe.model.rope;

import dev.longrecipe.model.config.Architecture;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * RoPE types the fixtures do not cover, against values worked out by hand from transformers' formulas.
 * theta = 10000 and dim 8 make the default inverse frequencies exactly 1, 0.1, 0.01, 0.001 (10000^(2i/8) = 10^i).
 */
class RopeScalingsTest {
    private static final float TOL = 1e-6f;

    @Test
    void defaultRopeIsOneOverThetaToTheTwoIOverD() {
        float[] inv = new DefaultRope(10000, 8).frequencies(1).inverseFrequencies();
        assertThat(inv).containsExactly(new float[]{1f, 0.1f, 0.01f, 0.001f}, within(TOL));
    }

    @Test
    void linearDividesEveryFrequencyByTheFactorAndIgnoresLength() {
        LinearRope rope = new LinearRope(10000, 8, 4);
        assertThat(rope.frequencies(10).inverseFrequencies())
                .containsExactly(new float[]{0.25f, 0.025f, 0.0025f, 0.00025f}, within(TOL));
        assertThat(rope.frequencies(1_000_000).inverseFrequencies())
                .containsExactly(rope.frequencies(10).inverseFrequencies());
    }

    @Test
    void dynamicNtkKeepsDefaultFrequenciesInsideTheWindowAndGrowsTheBasePastIt() {
        // dim 4: exponent d/(d-2) = 2; factor 2, max_position_embeddings 100
        DynamicNtkRope rope = new DynamicNtkRope(10000, 4, 2, 100);
        assertThat(rope.frequencies(100).inverseFrequencies()).containsExactly(new float[]{1f, 0.01f}, within(TOL));
        // seq_len 150: base = 10000 * (2*150/100 - 1)^2 = 40000 -> inv[1] = 1/sqrt(40000) = 1/200
        assertThat(rope.grownBase(150)).isCloseTo(40000, within(1e-6));
        assertThat(rope.frequencies(150).inverseFrequencies()).containsExactly(new float[]{1f, 1f / 200}, within(TOL));
        // seq_len 200: base = 10000 * 3^2 = 90000 -> inv[1] = 1/300
        assertThat(rope.frequencies(200).inverseFrequencies()).containsExactly(new float[]{1f, 1f / 300}, within(TOL));
        assertThat(rope.frequencies(200).attentionScaling()).isEqualTo(1.0);
    }

    @Test
    void yarnRampsFromExtrapolationToInterpolationAndScalesAttention() {
        // dim 8, theta 10^4: correction dim(r) = log10(M / (2 pi r)). M = 4096:
        // beta_fast 32 -> log10(20.37) = 1.309 -> floor 1; beta_slow 1 -> log10(651.9) = 2.814 -> ceil 3.
        // ramp(i) = clamp((i - 1) / 2) = 0, 0, 0.5, 1; inv = interp * ramp + extrap * (1 - ramp), interp = extrap / 4.
        YarnRope rope = new YarnRope(10000, 8, 4, 4096, null, 32, 1, null, null, true);
        RopeFrequencies f = rope.frequencies(100_000);
        assertThat(f.inverseFrequencies())
                .containsExactly(new float[]{1f, 0.1f, 0.5f * 0.0025f + 0.5f * 0.01f, 0.00025f}, within(TOL));
        assertThat(f.attentionScaling()).isCloseTo(0.1 * Math.log(4) + 1, within(1e-12));
    }

    @Test
    void yarnWithoutTruncationUsesTheExactCorrectionRange() {
        double low = Math.log10(4096 / (2 * Math.PI * 32));
        double high = Math.log10(4096 / (2 * Math.PI));
        double ramp2 = (2 - low) / (high - low);
        YarnRope rope = new YarnRope(10000, 8, 4, 4096, null, 32, 1, null, null, false);
        float[] inv = rope.frequencies(1).inverseFrequencies();
        assertThat(inv[1]).isCloseTo(0.1f, within(TOL));        // i=1 < low: extrapolation
        assertThat(inv[2]).isCloseTo((float) (0.0025 * ramp2 + 0.01 * (1 - ramp2)), within(TOL));
        assertThat(inv[3]).isCloseTo(0.00025f, within(TOL));    // i=3 > high: interpolation
    }

    @Test
    void yarnAttentionFactorFromMscaleRatioOrExplicitValue() {
        YarnRope deepseek = new YarnRope(10000, 8, 4, 4096, null, 32, 1, 1.0, 0.5, true);
        assertThat(deepseek.frequencies(1).attentionScaling())
                .isCloseTo((0.1 * Math.log(4) + 1) / (0.05 * Math.log(4) + 1), within(1e-12));
        YarnRope explicit = new YarnRope(10000, 8, 4, 4096, 1.5, 32, 1, null, null, true);
        assertThat(explicit.frequencies(1).attentionScaling()).isEqualTo(1.5);
    }

    @Test
    void llama3KeepsHighFrequenciesDividesLowOnesAndSmoothsTheBandBetween() {
        // wavelengths 2pi/inv = 6.28, 62.8, 628.3, 6283; original 1000, low 1 -> 1000, high 4 -> 250
        Llama3Rope rope = new Llama3Rope(10000, 8, 8, 1, 4, 1000);
        float[] inv = rope.frequencies(1).inverseFrequencies();
        double smooth = (1000 / (2 * Math.PI / 0.01) - 1) / (4 - 1);
        assertThat(inv).containsExactly(new float[]{1f, 0.1f,
                (float) ((1 - smooth) * 0.01 / 8 + smooth * 0.01), 0.001f / 8}, within(TOL));
    }

    @Test
    void registryBuildsEachTypeFromConfigAndDefaultsYarnOriginalWindowToMaxPositions() {
        assertThat(RopeScalings.supportedTypes()).containsExactly("default", "linear", "dynamic", "yarn", "llama3");
        RopeParameters yarn = new RopeParameters("yarn", 10000, 4.0, null, null, null, null, null, null, null, null,
                null);
        RopeScaling fromConfig = RopeScalings.forConfig(config(yarn, 4096));
        assertThat(fromConfig.type()).isEqualTo("yarn");
        assertThat(fromConfig.frequencies(1).inverseFrequencies()).containsExactly(
                new YarnRope(10000, 8, 4, 4096, null, 32, 1, null, null, true).frequencies(1).inverseFrequencies());
    }

    @Test
    void unknownTypeAndMissingParametersAreClearErrors() {
        RopeParameters longrope = new RopeParameters("longrope", 10000, 4.0, null, null, null, null, null, null, null,
                null, null);
        assertThatThrownBy(() -> RopeScalings.forConfig(config(longrope, 256)))
                .hasMessageContaining("unsupported rope_type 'longrope'")
                .hasMessageContaining("default, linear, dynamic, yarn, llama3");
        RopeParameters llama3 = new RopeParameters("llama3", 10000, 8.0, null, 1.0, 4.0, null, null, null, null,
                null, null);
        assertThatThrownBy(() -> RopeScalings.forConfig(config(llama3, 256)))
                .hasMessageContaining("requires 'original_max_position_embeddings'");
    }

    private static ModelConfig config(RopeParameters rope, int maxPos) {
        return new ModelConfig(Architecture.LLAMA, 16, 32, 64, 1, 4, 2, 8, 1e-5, maxPos, false, false, false, false,
                null, rope);
    }
}
