package dev.longrecipe.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.schema.spec.SpecKnobs;
import dev.longrecipe.schema.spec.TrainerParams;
import dev.longrecipe.schema.spec.TrainingPhase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every trainer knob, set alone to a value other than its default, reaches the trainer's settings — the ones each
 * checkpoint records and a resume must match — under its own name. The knobs are found by reflection
 * ({@link SpecKnobs}), so a knob added to {@link TrainerParams} or {@link TrainingPhase} is followed here unlisted.
 */
class TrainerKnobsTest {

    static final RunSpec SPEC = RunSpecs.parse("baseModel: h\ncorpus: c.jsonl\nreplayCorpus: r.jsonl\n");

    @Test
    void everyTrainerKnobReachesTheRecordedSettingsUnrenamed() throws Exception {
        List<SpecKnobs.Knob> knobs = SpecKnobs.under("trainer");
        int phaseKnobs = TrainingPhase.class.getRecordComponents().length;
        assertThat(knobs).hasSize(TrainerParams.class.getRecordComponents().length - 2 + 2 * phaseKnobs);
        for (SpecKnobs.Knob knob : knobs) {
            String value = SpecKnobs.nonDefault(knob, knob.valueIn(SPEC));
            RunSpec spec = RunSpecs.withOverrides(SPEC, Map.of(knob.path(), value));
            TrainerInputs in = new TrainerInputs(spec, Path.of("h"), Path.of("samples"), Path.of("r.jsonl"), 256,
                    1024);
            JsonNode settings = Json.MAPPER.readTree(Trainer.settingsOf(in, spec.seed()));
            JsonNode recorded = settings.at("/" + knob.path().replace('.', '/'));
            assertThat(recorded.isMissingNode()).as(knob.path() + " is not in the trainer's settings " + settings)
                    .isFalse();
            assertThat(knob.parse(recorded.toString())).as(knob.path() + " set to " + value)
                    .isEqualTo(knob.valueIn(spec)).isNotEqualTo(knob.valueIn(SPEC));
        }
    }
}
