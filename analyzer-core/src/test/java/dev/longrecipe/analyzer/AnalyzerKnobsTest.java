package dev.longrecipe.analyzer;

import dev.longrecipe.schema.spec.AnalyzerParams;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.schema.spec.SpecKnobs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every analyzer knob, and the run's knobs the analyzer reads besides (L, L′ and the trainer's RoPE overrides, which
 * decide H), set alone to a value other than its default, reaches the analyzer's inputs under its own name. The knobs
 * are found by reflection ({@link SpecKnobs}), so a knob added to {@link AnalyzerParams} is followed here unlisted.
 */
class AnalyzerKnobsTest {

    static final RunSpec SPEC = RunSpecs.parse("baseModel: h\nreferenceModel: r\ncorpus: c.jsonl\n"
            + "replayCorpus: r.jsonl\n");
    /** The knobs outside the analyzer section that {@link AnalyzerInputs} carries, by dotted path. */
    static final Set<String> READ_BESIDES = Set.of("contextLength", "targetLength", "trainer.ropeTheta",
            "trainer.ropeFactor");

    @Test
    void everyAnalyzerKnobReachesTheInputsUnrenamed() {
        List<SpecKnobs.Knob> knobs = new ArrayList<>(SpecKnobs.under("analyzer"));
        assertThat(knobs).hasSize(AnalyzerParams.class.getRecordComponents().length);
        for (SpecKnobs.Knob knob : knobs) {
            AnalyzerInputs inputs = inputsWith(knob);
            assertThat(component(inputs.params(), knob.name())).as(knob.path())
                    .isEqualTo(knob.valueIn(specWith(knob))).isNotEqualTo(knob.valueIn(SPEC));
        }
        List<SpecKnobs.Knob> besides = SpecKnobs.all().stream().filter(k -> READ_BESIDES.contains(k.path())).toList();
        assertThat(besides).hasSameSizeAs(READ_BESIDES);
        for (SpecKnobs.Knob knob : besides) {
            AnalyzerInputs inputs = inputsWith(knob);
            assertThat(component(inputs, knob.name())).as(knob.path())
                    .isEqualTo(knob.valueIn(specWith(knob))).isNotEqualTo(knob.valueIn(SPEC));
        }
    }

    private static RunSpec specWith(SpecKnobs.Knob knob) {
        return RunSpecs.withOverrides(SPEC, Map.of(knob.path(), SpecKnobs.nonDefault(knob, knob.valueIn(SPEC))));
    }

    private static AnalyzerInputs inputsWith(SpecKnobs.Knob knob) {
        return AnalyzerInputs.of(specWith(knob), Path.of("h"), Path.of("r"), Path.of("c.jsonl"));
    }

    private static Object component(Record record, String name) {
        try {
            return record.getClass().getMethod(name).invoke(record);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(record.getClass().getSimpleName() + " has no component " + name + ": the spec's"
                    + " knob does not reach the analyzer under its own name", e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
