package dev.longrecipe.merger;

import dev.longrecipe.schema.spec.MergerParams;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.schema.spec.SpecKnobs;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every merger knob, set alone to a value other than its default, reaches the merge plan under its own name, or is
 * listed here with the place that consumes it instead. The knobs are found by reflection ({@link SpecKnobs}), so a knob
 * added to {@link MergerParams} fails this test until it is wired or listed.
 */
class MergerKnobsTest {

    static final RunSpec SPEC = RunSpecs.parse("baseModel: h\ncorpus: c.jsonl\nreplayCorpus: r.jsonl\n");

    /** Knobs the plan does not carry, and who reads them. */
    static final Map<String, String> CONSUMED_ELSEWHERE = Map.of(
            "merger.sweep", "the merger service (and the CLI's merge) runs one plan per λ_base of the sweep"
                    + " (Sweeps.withWeights)",
            "merger.sweepMaxPerplexityRise", "the evaluator picks the sweep point with it (EvaluatorInputs.sweep)");

    @Test
    void everyMergerKnobReachesThePlanUnrenamed() {
        var knobs = SpecKnobs.under("merger");
        assertThat(knobs).hasSize(MergerParams.class.getRecordComponents().length);
        for (SpecKnobs.Knob knob : knobs) {
            if (CONSUMED_ELSEWHERE.containsKey(knob.path())) {
                continue;
            }
            String value = SpecKnobs.nonDefault(knob, knob.valueIn(SPEC));
            RunSpec spec = RunSpecs.withOverrides(SPEC, knob.path().equals("merger.method")
                    // the other method (slerp) takes its end points without weights
                    ? Map.of(knob.path(), value, "merger.models", "{base: {}, replay: {}}")
                    : Map.of(knob.path(), value));
            MergePlan plan = MergePlan.of(spec.merger(), spec.seed());
            assertThat(component(plan, knob.name())).as(knob.path() + " set to " + value)
                    .isEqualTo(knob.valueIn(spec)).isNotEqualTo(knob.valueIn(SPEC));
        }
        assertThat(knobs).extracting(SpecKnobs.Knob::path).containsAll(CONSUMED_ELSEWHERE.keySet());
    }

    private static Object component(MergePlan plan, String name) {
        try {
            Object value = MergePlan.class.getMethod(name).invoke(plan);
            return value instanceof MergeMethod method ? method.name() : value;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("MergePlan has no " + name + "(): the spec's knob does not reach the merger"
                    + " under its own name; wire it, or list it in CONSUMED_ELSEWHERE with the reason", e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
