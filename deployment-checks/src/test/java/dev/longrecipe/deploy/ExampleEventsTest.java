package dev.longrecipe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.Events;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The re-run event shown in deploy/OPERATIONS.md is one the merger accepts. */
class ExampleEventsTest {
    private final Path example = RepositoryLayout.current().root()
            .resolve("deploy/examples/merger-rerun.checkpoint.ready.json");

    @Test
    void mergerRerunExampleIsAValidCheckpointReadyRerun() throws Exception {
        String json = Files.readString(example);
        Event<CheckpointReady> event = Events.parse(Topics.CHECKPOINT_READY, json);
        assertThat(event.header().rerun()).isTrue();
        assertThat(event.header().halt()).isFalse();
        assertThat(event.payload().phase()).isEqualTo("replay");
        assertThat(event.payload().phaseComplete()).as("the merger only takes the final replay checkpoint").isTrue();
        assertThat(event.header().overrides()).containsEntry("merger.sweep", "[0, 0.25, 0.5, 0.75, 1]");
        try (InputStream schema = Events.class.getResourceAsStream("/schemas/checkpoint.ready.schema.json")) {
            assertThat(schema).as("shared-schema's checkpoint.ready JSON schema").isNotNull();
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(new ObjectMapper().readTree(json))).isEmpty();
        }
    }
}
