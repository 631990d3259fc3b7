package dev.longrecipe.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longrecipe.schema.spec.InvalidSpecException;
import dev.longrecipe.schema.spec.RunSpecs;
import org.junit.jupiter.api.Test;

/** Run ids cannot escape the run's prefix: anything outside the conservative pattern is refused, the pattern named. */
class RunIdsTest {
    @Test
    void validRunIdsGiveKeysUnderTheirOwnRun() {
        assertThat(ObjectKeys.spec("llama3-80k-1")).isEqualTo("runs/llama3-80k-1/spec.json");
        assertThat(ObjectKeys.isValidRunId("a")).isTrue();
    }

    @Test
    void pathTraversalAbsoluteEmptyAndOddRunIdsAreRefusedNamingThePattern() {
        for (String bad : new String[] {"../other", "..", "a/../../b", "/abs", "a/b", "", "Upper", "-lead",
                "a.b", "run id", "a\\b", "x".repeat(64), "%2e%2e"}) {
            assertThat(ObjectKeys.isValidRunId(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> ObjectKeys.spec(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(ObjectKeys.RUN_ID_PATTERN).hasMessageContaining("e.g. 'llama3-80k-1'");
        }
        assertThatThrownBy(() -> ObjectKeys.validateRunId("../x")).hasMessageContaining("outside runs/<runId>/");
        assertThatThrownBy(() -> ObjectKeys.validateRunId(null)).hasMessageContaining("is empty");
    }

    @Test
    void aSpecWithATraversingRunIdIsInvalid() {
        assertThatThrownBy(() -> RunSpecs.parse("runId: ../../etc\nbaseModel: m/\ncorpus: c.jsonl\n"
                + "replayCorpus: r.jsonl\n")).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("runId").hasMessageContaining(ObjectKeys.RUN_ID_PATTERN);
    }
}
