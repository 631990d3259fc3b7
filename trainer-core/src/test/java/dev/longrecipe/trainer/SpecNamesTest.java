package dev.longrecipe.trainer;

import dev.longrecipe.model.train.LrSchedules;
import dev.longrecipe.schema.spec.TrainingPhase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The learning-rate schedules the trainer can run are the ones the run spec's validator accepts. */
class SpecNamesTest {
    @Test
    void theScheduleRegistryIsKeyedByTheSpecsScheduleNames() {
        assertThat(LrSchedules.names()).isEqualTo(TrainingPhase.SCHEDULES);
    }
}
