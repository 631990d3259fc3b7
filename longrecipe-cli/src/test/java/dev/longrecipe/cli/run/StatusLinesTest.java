package dev.longrecipe.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.cli.platform.StackSupervisor.ComponentHealth;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.StageFailed;
import dev.longrecipe.schema.events.StageProgress;
import dev.longrecipe.stack.ProcessHealth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusLinesTest {

    private static final StageProgress STEP_40 = new StageProgress("trainer", StageProgress.RUNNING, 0.5, 2.0,
            "steps", 28, "step 40/80", Map.of());

    @Test
    void aRunningStageWithItsConsumerShowsProgressAndEta() {
        String line = StatusCommand.stageLine(Stage.TRAINER, 1, false, true, null, STEP_40,
                new StatusCommand.Consumers(1, 1, ProcessHealth.UP));
        assertThat(line).contains("running", " 50%", "step 40/80", "2 steps/s", "ETA 0m28s");
    }

    @Test
    void aRunningStageWhoseGroupHasNoMemberIsStalledWithoutEta() {
        String line = StatusCommand.stageLine(Stage.TRAINER, 1, false, true, null, STEP_40,
                new StatusCommand.Consumers(0, 1, ProcessHealth.EXITED));
        assertThat(line).contains("stalled", "(no consumer: the trainer service is down; `./longrecipe up` restarts it)",
                "last: step 40/80").doesNotContain("running", "ETA");
    }

    @Test
    void aDeadServiceStallsItsStageBeforeKafkaDropsItsMember() {
        // within the session timeout the broker still counts the killed consumer as a member
        String line = StatusCommand.stageLine(Stage.TRAINER, 1, false, true, null, STEP_40,
                new StatusCommand.Consumers(1, 1, ProcessHealth.EXITED));
        assertThat(line).contains("stalled", "the trainer service is down").doesNotContain("ETA");
    }

    @Test
    void noMemberWhileTheServiceAnswersSaysItIsNotInItsGroup() {
        String line = StatusCommand.stageLine(Stage.MERGER, 2, false, true, null, null,
                new StatusCommand.Consumers(0, 1, ProcessHealth.UP));
        assertThat(line).contains("stalled", "the merger service is not in its consumer group");
    }

    @Test
    void inputWaitingForAStageWithoutConsumerIsStalledOnlyOnceTheStageBeforeCompleted() {
        StatusCommand.Consumers nobody = new StatusCommand.Consumers(0, 1, null);
        assertThat(StatusCommand.stageLine(Stage.SEGMENTER, 0, false, true, null, null, nobody))
                .contains("stalled", "no consumer: the segmenter service");
        assertThat(StatusCommand.stageLine(Stage.SEGMENTER, 0, false, false, null, null, nobody))
                .contains("waiting").doesNotContain("stalled");
        assertThat(StatusCommand.stageLine(Stage.SEGMENTER, 0, false, true, null, null,
                new StatusCommand.Consumers(1, 1, ProcessHealth.UP))).contains("waiting");
    }

    @Test
    void completedAndFailedStagesAreWhatTheyAreWhateverTheConsumers() {
        StatusCommand.Consumers nobody = new StatusCommand.Consumers(0, 0, ProcessHealth.EXITED);
        assertThat(StatusCommand.stageLine(Stage.ANALYZER, 1, true, true, null, null, nobody))
                .contains("completed", "100%");
        StageFailed failed = StageFailed.builder().stage("analyzer").inputTopic("in").inputEventId("e0")
                .deadLetterTopic("dlq").reason("corrupt model").build();
        assertThat(StatusCommand.stageLine(Stage.ANALYZER, 1, false, true, failed, null, nobody))
                .contains("failed", "corrupt model").doesNotContain("stalled");
    }

    @Test
    void theStackLineNamesWhatIsDownAndTheFix() {
        List<ComponentHealth> health = List.of(new ComponentHealth("kafka", ProcessHealth.EXITED, 41),
                new ComponentHealth("s3", ProcessHealth.UP, 42),
                new ComponentHealth("trainer", ProcessHealth.NOT_ANSWERING, 43),
                new ComponentHealth("merger", ProcessHealth.UP, 44));
        assertThat(StatusCommand.stackLines(health))
                .contains("2 of 4 components down; ./longrecipe up restarts only those")
                .contains("kafka      exited (pid 41)", "trainer    not answering (pid 43)")
                .doesNotContain("merger", "not running");
        assertThat(StatusCommand.stackLines(List.of(new ComponentHealth("kafka", ProcessHealth.UP, 1))))
                .isEqualTo("stack: kafka up\n");
    }
}
