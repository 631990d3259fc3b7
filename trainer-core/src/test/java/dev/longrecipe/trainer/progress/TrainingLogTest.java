package dev.longrecipe.trainer.progress;

import dev.longrecipe.schema.TrainingStep;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingLogTest {
    @TempDir
    Path out;

    private List<JsonNode> lines() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve(TrainingLog.FILE))) {
            nodes.add(json.readTree(l));
        }
        return nodes;
    }

    private static TrainingStep step(String phase, long step) {
        return new TrainingStep(phase, step, 10, step * 100, 2.5, 1e-4, 1.0, 50.0, Double.NaN);
    }

    @Test
    void resumingDropsTheStepsLostInTheCrash() throws IOException {
        try (TrainingLog log = TrainingLog.open(out, null, 0)) {
            log.append(Map.of("type", "phase", "phase", "extension", "steps", 10));
            for (int s = 1; s <= 7; s++) {
                log.appendStep(step("extension", s));
            }
        }
        Files.writeString(out.resolve(TrainingLog.FILE), "{\"type\":\"step\",\"pha", java.nio.file.StandardOpenOption.APPEND);
        try (TrainingLog log = TrainingLog.open(out, "extension", 4)) {
            log.appendStep(step("extension", 5));
        }
        List<JsonNode> lines = lines();
        assertThat(lines).extracting(n -> n.get("type").asText() + n.path("step").asLong())
                .containsExactly("phase0", "step1", "step2", "step3", "step4", "step5");
    }

    @Test
    void writesNonFiniteNumbersAsNullAndStampsTime() throws IOException {
        try (TrainingLog log = TrainingLog.open(out, null, 0)) {
            log.appendStep(step("replay", 1));
        }
        JsonNode line = lines().get(0);
        assertThat(line.get("etaSeconds").isNull()).isTrue();
        assertThat(line.get("loss").asDouble()).isEqualTo(2.5);
        assertThat(line.get("time").asText()).endsWith("Z");
    }

    @Test
    void aFreshStartEmptiesAnOldLog() throws IOException {
        Files.writeString(out.resolve(TrainingLog.FILE), "{\"type\":\"step\",\"phase\":\"replay\",\"step\":3}\n");
        TrainingLog.open(out, null, 0).close();
        assertThat(Files.readString(out.resolve(TrainingLog.FILE))).isEmpty();
    }
}
