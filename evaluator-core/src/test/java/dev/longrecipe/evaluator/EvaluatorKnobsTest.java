package dev.longrecipe.evaluator;

import dev.longrecipe.schema.artifact.LocalArtifactSource;
import dev.longrecipe.schema.spec.EvaluatorParams;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.schema.spec.SpecKnobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every evaluator knob, set alone to a value other than its default, reaches the evaluator's inputs — as the service
 * and the CLI resolve them — under its own name. The knobs are found by reflection ({@link SpecKnobs}), so a knob
 * added to {@link EvaluatorParams} is followed here unlisted.
 */
class EvaluatorKnobsTest {

    static final RunSpec SPEC = RunSpecs.parse("baseModel: h\ncorpus: c.jsonl\nreplayCorpus: r.jsonl\n");

    @TempDir
    Path scratch;

    @Test
    void everyEvaluatorKnobReachesTheInputsUnrenamed() throws IOException {
        Path heldOut = Files.writeString(scratch.resolve("held-out.txt"), "In the beginning was the word.\n");
        var knobs = SpecKnobs.under("evaluator");
        assertThat(knobs).hasSize(EvaluatorParams.class.getRecordComponents().length);
        for (SpecKnobs.Knob knob : knobs) {
            // a location the inputs fetch must exist
            String value = knob.path().equals("evaluator.perplexityCorpus") ? heldOut.toString()
                    : SpecKnobs.nonDefault(knob, knob.valueIn(SPEC));
            RunSpec spec = RunSpecs.withOverrides(SPEC, Map.of(knob.path(), value));
            EvaluatorInputs in = EvaluatorInputs.resolve(spec, new LocalArtifactSource(),
                    Map.of("base", Fixtures.LLAMA_DEFAULT.toString()), name -> "check the fixtures", Map.of(), null,
                    null, scratch);
            assertThat(component(in.params(), knob.name())).as(knob.path() + " set to " + value)
                    .isEqualTo(knob.valueIn(spec)).isNotEqualTo(knob.valueIn(SPEC));
        }
    }

    private static Object component(EvaluatorParams params, String name) {
        try {
            return EvaluatorParams.class.getMethod(name).invoke(params);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
