package dev.longrecipe.merger;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MergeMethodsTest {

    @Test
    void linearDefaultsAreThePapersHalfAndHalf() {
        MergeMethod linear = MergeMethods.byName("linear");
        assertThat(linear.defaults()).containsExactly(Map.entry("lambdaBase", 0.5), Map.entry("lambdaReplay", 0.5));
        Map<String, Double> p = MergeMethods.resolveParameters(linear, Map.of());
        assertThat(linear.merge(new float[] {1, -2, 4}, new float[] {3, 2, 0}, p)).containsExactly(2, 0, 2);
        assertThat(linear.elementwise()).isTrue();
    }

    @Test
    void linearAppliesGivenLambdas() {
        MergeMethod linear = MergeMethods.byName("linear");
        Map<String, Double> p = MergeMethods.resolveParameters(linear, Map.of("lambdaBase", 0.25, "lambdaReplay", 1.0));
        assertThat(linear.merge(new float[] {4, 8}, new float[] {1, -1}, p)).containsExactly(2, 1);
    }

    @Test
    void slerpEndpointsAreTheInputsAndMidpointStaysOnTheArc() {
        MergeMethod slerp = MergeMethods.byName("slerp");
        float[] a = {1, 0};
        float[] b = {0, 1};
        assertThat(slerp.merge(a, b, Map.of("t", 0.0))).containsExactly(1, 0);
        float[] end = slerp.merge(a, b, Map.of("t", 1.0));
        assertThat(end[0]).isCloseTo(0f, within(1e-6f));
        assertThat(end[1]).isCloseTo(1f, within(1e-6f));
        float[] mid = slerp.merge(a, b, Map.of("t", 0.5));
        // linear interpolation would give (0.5, 0.5), norm 0.707; the arc keeps norm 1
        assertThat(mid[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        assertThat(mid[1]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        assertThat(slerp.elementwise()).isFalse();
    }

    @Test
    void slerpOfParallelTensorsFallsBackToLinear() {
        float[] mid = MergeMethods.byName("slerp").merge(new float[] {1, 2}, new float[] {2, 4}, Map.of("t", 0.5));
        assertThat(mid).containsExactly(1.5f, 3f);
    }

    @Test
    void slerpRejectsTOutsideTheUnitInterval() {
        assertThatThrownBy(() -> MergeMethods.resolveParameters(MergeMethods.byName("slerp"), Map.of("t", 1.5)))
                .hasMessageContaining("'t'").hasMessageContaining("[0, 1]");
    }

    @Test
    void unknownNameListsRegisteredMethods() {
        assertThatThrownBy(() -> MergeMethods.byName("dare")).hasMessageContaining("'dare'").hasMessageContaining("linear, slerp");
        assertThat(MergeMethods.names()).containsExactly("linear", "slerp");
    }
}
