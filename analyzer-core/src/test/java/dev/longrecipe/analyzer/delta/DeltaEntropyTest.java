package dev.longrecipe.analyzer.delta;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DeltaEntropyTest {

    @Test
    void rowsThatDifferByAConstantGiveTheMaximumEntropyLnV() {
        float[] base = {1f, -2f, 0.5f, 3f};
        float[] reference = {2f, -1f, 1.5f, 4f};
        assertThat(DeltaEntropy.of(reference, base, 4)).isCloseTo(Math.log(4), within(1e-12));
    }

    @Test
    void matchesTheDefinitionComputedNaively() {
        float[] base = {0.3f, 1.1f, -0.7f, 2.0f, 0f};
        float[] reference = {1.3f, -0.4f, 0.2f, 5.0f, -1f};
        double z = 0;
        double[] e = new double[5];
        for (int v = 0; v < 5; v++) {
            e[v] = Math.exp((double) reference[v] - base[v]);
            z += e[v];
        }
        double expected = 0;
        for (int v = 0; v < 5; v++) {
            double p = e[v] / z;
            expected -= p * Math.log(p);
        }
        assertThat(DeltaEntropy.of(reference, base, 5)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void oneDominantChangeGivesEntropyNearZeroWithoutOverflow() {
        float[] base = new float[100];
        float[] reference = new float[100];
        reference[7] = 1000f;
        assertThat(DeltaEntropy.of(reference, base, 100)).isBetween(0.0, 1e-9);
    }
}
