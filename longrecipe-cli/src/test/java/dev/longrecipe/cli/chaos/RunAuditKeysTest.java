package dev.longrecipe.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Found by CI's fault suite: S3 killed mid-PUT left S3Proxy's temp file of an announcement, listed as an object. */
class RunAuditKeysTest {
    private static final String TEMP = "-41509c73-8e98-4a31-a282-8c2646fd803f";

    @Test
    void theS3ServersTempFileOfAKeyWrittenAgainIsNotARunObject() {
        TreeSet<String> keys = new TreeSet<>(List.of("trainer/1/_announced/extension/step-9.json",
                "trainer/1/_announced/extension/step-9.json" + TEMP, "trainer/1/model" + TEMP));
        assertThat(RunAudit.withoutServerTempFiles(keys)).as("a uuid-suffixed key without its original stays")
                .containsExactly("trainer/1/_announced/extension/step-9.json", "trainer/1/model" + TEMP);
    }

    /** Found by CI's fault suite too: a trainer stopped after step 5 (checkpoints every 3) announced one more. */
    @Test
    void onlyTheStoppedTrainersOwnCheckpointIsAnExpectedExtraKey() {
        FaultSuite.TrainerStop stop = new FaultSuite.TrainerStop(4, 5, true);
        assertThat(stop.explains("trainer/1/_announced/extension/step-5.json")).isTrue();
        assertThat(stop.explains("trainer/1/extension/step-5/model.safetensors")).isTrue();
        assertThat(stop.explains("trainer/1/_announced/extension/step-50.json")).isFalse();
        assertThat(stop.explains("trainer/1/extension/step-50/model.safetensors")).isFalse();
        assertThat(stop.explains("trainer/1/_announced/replay/step-5.json")).isFalse();
        assertThat(stop.explains("merger/1/_announced/extension/step-5.json")).isFalse();
    }
}
