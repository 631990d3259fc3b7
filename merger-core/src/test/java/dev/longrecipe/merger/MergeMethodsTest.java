package dev.longrecipe.merger;

import dev.longrecipe.schema.spec.MergerParams;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each method on small tensors whose results are computed by hand; parameters checked before any tensor is read. */
class MergeMethodsTest {

    /** Merges one tensor with the plan's parameters for a tensor of that name at depth 0. */
    private static float[] merge(String yaml, float[] base, float[]... inputs) {
        MergePlan plan = Plans.of(yaml);
        return plan.method().merge(new TensorMerge("t", base, List.of(inputs), plan.forTensor("t", 0), 7));
    }

    @Test
    void theDefaultIsThePapersHalfAndHalfOfBaseAndReplay() {
        MergePlan plan = Plans.PAPER;
        assertThat(plan.method().name()).isEqualTo("linear");
        assertThat(plan.inputs()).containsExactly("base", "replay");
        float[] base = {1, -2, 4};
        float[] replay = {3, 2, 0};
        assertThat(plan.method().merge(new TensorMerge("t", base, List.of(base, replay), plan.forTensor("t", 0), 7)))
                .containsExactly(2, 0, 2);
        assertThat(plan.method().elementwise()).isTrue();
    }

    @Test
    void linearOfThreeModelsWeighsEachAndNormalizes() {
        float[] base = {10, 0};
        float[] extended = {0, 10};
        float[] replay = {20, 20};
        // weights 1, 1, 2 normalised: 0.25·base + 0.25·extended + 0.5·replay
        assertThat(merge("{method: linear, models: {base: {weight: 1}, extended: {weight: 1}, replay: {weight: 2}}}",
                base, base, extended, replay)).containsExactly(12.5f, 12.5f);
        assertThat(merge("{method: linear, models: {base: {weight: 1}, replay: {weight: 2}},"
                + " parameters: {normalize: false}}", base, base, replay)).containsExactly(50, 40);
    }

    @Test
    void slerpEndpointsAreTheInputsAndMidpointStaysOnTheArc() {
        String spec = "{method: slerp, models: {base: {}, replay: {}}, parameters: {t: %s}}";
        float[] a = {1, 0};
        float[] b = {0, 1};
        assertThat(merge(spec.formatted(0), a, a, b)).containsExactly(1, 0);
        float[] end = merge(spec.formatted(1), a, a, b);
        assertThat(end[0]).isCloseTo(0f, within(1e-6f));
        assertThat(end[1]).isCloseTo(1f, within(1e-6f));
        float[] mid = merge(spec.formatted(0.5), a, a, b);
        // linear interpolation would give (0.5, 0.5), norm 0.707; the arc keeps norm 1
        assertThat(mid[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        assertThat(mid[1]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        assertThat(merge(spec.formatted(0.5), a, new float[] {1, 2}, new float[] {2, 4})).containsExactly(1.5f, 3f);
    }

    @Test
    void taskArithmeticAddsTheWeightedTaskVectorsToTheBase() {
        float[] base = {1, 1, 1};
        float[] a = {2, 0, 1}; // τ = (1, −1, 0)
        float[] b = {1, 3, 1}; // τ = (0, 2, 0)
        assertThat(merge("{method: task_arithmetic, models: {extended: {weight: 0.5}, replay: {weight: 0.5}}}",
                base, a, b)).containsExactly(1.5f, 1.5f, 1f);
        assertThat(merge("{method: task_arithmetic, models: {extended: {weight: 0.5}, replay: {weight: 0.5}},"
                + " parameters: {lambda: 2}}", base, a, b)).containsExactly(2f, 2f, 1f);
    }

    @Test
    void tiesTrimsByMagnitudeElectsTheSignAndTakesTheDisjointMean() {
        float[] base = {0, 0, 0, 0};
        float[] a = {3, -1, 0.5f, -2}; // trimmed to the 2 largest: (3, 0, 0, −2)
        float[] b = {-1, 2, 1, -4}; //    trimmed to the 2 largest: (0, 2, 0, −4)
        // sums (3, 2, 0, −6) elect (+, +, +, −); element 3: both agree, mean of −2 and −4
        assertThat(merge("{method: ties, models: {extended: {weight: 1, density: 0.5}, replay: {weight: 1,"
                + " density: 0.5}}}", base, a, b)).containsExactly(3f, 2f, 0f, -3f);
    }

    @Test
    void tiesDropsTheContributionsAgainstTheElectedSign() {
        float[] base = {1, 1};
        float[] a = {4, 0}; //  τ = (3, −1)
        float[] b = {0, 3}; //  τ = (−1, 2)
        // nothing trimmed; sums (2, 1) elect (+, +): only a counts at 0, only b at 1 (a linear mean would be 1, 0.5)
        assertThat(merge("{method: ties, models: {extended: {weight: 1}, replay: {weight: 1}}}", base, a, b))
                .containsExactly(4f, 3f);
    }

    @Test
    void dareKeepsTheExpectedValueAndItsSeedReproducesTheMask() {
        int n = 200_000;
        float[] base = new float[n];
        float[] replay = new float[n];
        Arrays.fill(replay, 1f);
        String spec = "{method: dare_linear, models: {replay: {weight: 1, density: 0.3}}}";
        MergePlan plan = Plans.of(spec);
        float[] merged = plan.method().merge(new TensorMerge("t", base, List.of(replay), plan.forTensor("t", 0), 7));
        double mean = 0;
        int kept = 0;
        for (float v : merged) {
            mean += v / n;
            kept += v != 0 ? 1 : 0;
        }
        assertThat(kept / (double) n).isCloseTo(0.3, within(0.01));
        assertThat(mean).isCloseTo(1.0, within(0.02)); // kept values rescaled by 1/0.3
        assertThat(merged[0] == 0 || Math.abs(merged[0] - 1 / 0.3f) < 1e-5).isTrue();
        float[] again = plan.method().merge(new TensorMerge("t", base, List.of(replay), plan.forTensor("t", 0), 7));
        float[] otherSeed = plan.method().merge(new TensorMerge("t", base, List.of(replay), plan.forTensor("t", 0), 8));
        assertThat(again).isEqualTo(merged);
        assertThat(otherSeed).isNotEqualTo(merged);
        float[] unscaled = merge(spec.replace("}}}", "}}, parameters: {rescale: false}}"), base, replay);
        assertThat(new java.util.HashSet<>(List.of(unscaled[0], unscaled[1], unscaled[2], 0f, 1f))).hasSize(2);
    }

    @Test
    void dareTiesDropsThenVotesOnTheSign() {
        float[] base = {0, 0};
        float[] a = {2, -2};
        float[] b = {-1, 1};
        // density 1: nothing dropped; sums (1, −1) elect (+, −): a at 0, a at 1
        assertThat(merge("{method: dare_ties, models: {extended: {weight: 1}, replay: {weight: 1}}}", base, a, b))
                .containsExactly(2f, -2f);
    }

    @Test
    void parametersDependOnTheTensorByFilterAndByLayerGradient() {
        MergePlan plan = Plans.of("{method: linear, models: {base: {weight: [{filter: self_attn, value: 0.8},"
                + " {value: [0, 1]}]}, replay: {weight: 1}}, parameters: {normalize: false}}");
        assertThat(plan.forTensor("model.layers.0.self_attn.q_proj.weight", 0).of(0, "weight")).isEqualTo(0.8);
        assertThat(plan.forTensor("model.layers.2.mlp.up_proj.weight", 0.5).of(0, "weight")).isEqualTo(0.5);
        assertThat(plan.forTensor("lm_head.weight", 1).of(0, "weight")).isEqualTo(1);
        assertThat(plan.forTensor("model.embed_tokens.weight", 0).of(0, "weight")).isEqualTo(0);
        assertThat(LayerDepth.of("model.layers.3.mlp.up_proj.weight", 7)).isEqualTo(0.5);
        assertThat(LayerDepth.layerCount(List.of("model.layers.0.a", "model.layers.6.b", "lm_head.weight")))
                .isEqualTo(7);
        MergePlan slerp = Plans.of("{method: slerp, models: {base: {}, replay: {}},"
                + " parameters: {t: [{filter: mlp, value: [0, 0.5, 1]}, {value: 0.5}]}}");
        assertThat(slerp.forTensor("model.layers.1.mlp.down_proj.weight", 0.25).get("t")).isEqualTo(0.25);
        assertThat(slerp.forTensor("model.layers.1.self_attn.o_proj.weight", 0.25).get("t")).isEqualTo(0.5);
    }

    @Test
    void badParametersAreRefusedWithTheFieldAndTheFixBeforeAnyTensorIsRead() {
        assertThatThrownBy(() -> Plans.of("{method: ties, models: {replay: {weight: 1, density: 0}}}"))
                .hasMessageContaining("merger.models.replay.density").hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> Plans.of("{method: dare_linear, models: {replay: {weight: 1,"
                + " density: [{filter: mlp, value: 1.5}, {value: 0.5}]}}}"))
                .hasMessageContaining("merger.models.replay.density").hasMessageContaining("1.5");
        assertThatThrownBy(() -> Plans.of("{method: linear, models: {base: {weight: 0.5}, replay: {weight: -0.5}}}"))
                .hasMessageContaining("sum to 0").hasMessageContaining("normalize: false");
        assertThatThrownBy(() -> Plans.of("{method: ties, models: {base: {weight: 0.5}, replay: {weight: 0.5}}}"))
                .hasMessageContaining("merger.models.base").hasMessageContaining("list only the other models");
        assertThatThrownBy(() -> Plans.of("{method: slerp, models: {replay: {}}}"))
                .hasMessageContaining("merges 2 listed model(s), got 1");
        assertThatThrownBy(() -> Plans.of("{method: slerp, models: {base: {}, replay: {}}, parameters: {t: 1.5}}"))
                .hasMessageContaining("merger.parameters.t").hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> Plans.of("{method: task_arithmetic, models: {replay: {}}}"))
                .hasMessageContaining("merger.models.replay.weight is required");
        assertThatThrownBy(() -> Plans.of("{method: task_arithmetic, models: {replay: {weight: 1, density: 0.5}}}"))
                .hasMessageContaining("no per-model parameter 'density'");
        assertThatThrownBy(() -> Plans.of("{method: linear, parameters: {lambda1: 0.5}, models: {replay: {weight: 1}}}"))
                .hasMessageContaining("merger.parameters.lambda1").hasMessageContaining("normalize");
        assertThatThrownBy(() -> Plans.of("{method: dare, models: {replay: {weight: 1}}}"))
                .hasMessageContaining("'dare'").hasMessageContaining("dare_linear, dare_ties, linear, slerp, task_arithmetic, ties");
    }

    @Test
    void aSweepPointSetsTheBaseShareInEachMethodsOwnTerms() {
        MergerParams linear = Plans.params("{method: linear, models: {base: {weight: 0.5}, extended: {weight: 1},"
                + " replay: {weight: 3}}}");
        MergePlan quarter = MergePlan.of(linear.method().equals("linear")
                ? MergeMethods.byName("linear").atBaseShare(linear, 0.2) : linear, 1);
        assertThat(quarter.forTensor("t", 0).of(0, "weight")).isCloseTo(0.2, within(1e-12));
        assertThat(quarter.forTensor("t", 0).of(1, "weight")).isCloseTo(0.2, within(1e-12));
        assertThat(quarter.forTensor("t", 0).of(2, "weight")).isCloseTo(0.6, within(1e-12));

        MergerParams slerp = Plans.params("{method: slerp, models: {base: {}, replay: {}}}");
        assertThat(MergePlan.of(MergeMethods.byName("slerp").atBaseShare(slerp, 0.25), 1).forTensor("t", 0).get("t"))
                .isEqualTo(0.75);
        MergerParams ties = Plans.params("{method: ties, models: {replay: {weight: 1, density: 0.5}},"
                + " parameters: {lambda: 2}}");
        assertThat(MergePlan.of(MergeMethods.byName("ties").atBaseShare(ties, 0.25), 1).forTensor("t", 0)
                .get("lambda")).isEqualTo(1.5);
        assertThatThrownBy(() -> MergeMethods.byName("linear").atBaseShare(Plans.params(
                "{method: linear, models: {base: {weight: 0.5}, replay: {weight: [0, 1]}}}"), 0.5))
                .hasMessageContaining("merger.models.replay.weight").hasMessageContaining("one number");
    }

    @Test
    void theTrimThresholdIsTheSortedValueAtTheRank() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(200);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(7) / 2f; // many ties
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            int rank = random.nextInt(n);
            assertThat(TaskVectorMerge.select(values.clone(), rank)).isEqualTo(sorted[rank]);
        }
        float[] tau = {1, -1, 1, 0.5f, -2};
        TaskVectorMerge.keepLargest(tau, 0.6); // keep 3: −2, then the first two of the tied 1s
        assertThat(tau).containsExactly(1, -1, 0, 0, -2);
    }

    @Test
    void theRegistryIsKeyedByTheSpecsMethodNames() {
        assertThat(MergeMethods.names()).containsExactlyInAnyOrderElementsOf(MergerParams.METHODS);
    }
}
