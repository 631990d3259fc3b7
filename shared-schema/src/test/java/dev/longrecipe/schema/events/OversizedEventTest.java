package dev.longrecipe.schema.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longrecipe.schema.Topics;
import org.junit.jupiter.api.Test;

/** An event over the size limit is refused before it is parsed, saying what events should carry instead. */
class OversizedEventTest {
    @Test
    void anEventOverTheLimitIsInvalid() {
        String json = "{\"schemaVersion\": 2, \"padding\": \"" + "x".repeat(Events.MAX_EVENT_CHARS) + "\"}";
        assertThatThrownBy(() -> Events.parse(Topics.RUN_REQUESTED, json))
                .isInstanceOf(Events.InvalidEventException.class)
                .hasMessageContaining("over the 1000000-character limit")
                .hasMessageContaining("put large content in S3 and publish its key");
    }
}
