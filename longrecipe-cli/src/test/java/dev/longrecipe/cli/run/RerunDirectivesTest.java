package dev.longrecipe.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.RerunDirectives;
import dev.longrecipe.stack.SharedTestStack;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code longrecipe rerun RUN trainer} resumes from the durable checkpoints of an attempt that did not complete,
 * {@code --from-scratch} does not, and a completed attempt gives nothing to resume from — read from the attempts in a
 * real S3 bucket.
 */
class RerunDirectivesTest {
    private static RunClient client;

    @BeforeAll
    static void connect() {
        client = RunClient.of(SharedTestStack.get());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static String run(String name) {
        String runId = name + "-" + Long.toString(System.nanoTime(), 36);
        client.store().putText(ObjectKeys.spec(runId), "{}");
        return runId;
    }

    private static void checkpoint(String runId, int attempt) {
        client.store().putText(ObjectKeys.attempt(runId, Stage.TRAINER, attempt) + "checkpoints/step-4/model.txt",
                "weights");
    }

    @Test
    void aTrainerAttemptThatDidNotCompleteIsResumedUnlessFromScratch() {
        String runId = run("failed-trainer");
        checkpoint(runId, 1);
        checkpoint(runId, 2);
        Map<String, String> overrides = Map.of("trainer.extension.lr", "0.0001");

        assertThat(RerunCommand.withDirectives(client, runId, Stage.TRAINER, overrides, false))
                .containsEntry(RerunDirectives.RESUME_FROM_ATTEMPT, "2")
                .containsEntry("trainer.extension.lr", "0.0001");
        assertThat(RerunCommand.withDirectives(client, runId, Stage.TRAINER, overrides, true))
                .isEqualTo(overrides);
        assertThat(RerunCommand.withDirectives(client, runId, Stage.MERGER, overrides, false))
                .as("only the trainer resumes").isEqualTo(overrides);
    }

    @Test
    void aCompletedAttemptOrNoAttemptGivesNothingToResumeFrom() {
        String completed = run("completed-trainer");
        checkpoint(completed, 1);
        client.store().putText(ObjectKeys.completed(completed, Stage.TRAINER, 1), "{}");
        assertThat(RerunCommand.withDirectives(client, completed, Stage.TRAINER, Map.of(), false)).isEmpty();

        assertThat(RerunCommand.withDirectives(client, run("never-trained"), Stage.TRAINER, Map.of(), false))
                .isEmpty();
    }
}
