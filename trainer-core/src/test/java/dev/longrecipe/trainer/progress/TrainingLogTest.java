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
        TrainingLog log = TrainingLog.open(out, null, 0);
        log.appendPhase(new TrainingLog.PhaseLine("extension", 10, 5e5, 1024, 0));
        for (int s = 1; s <= 7; s++) {
            log.appendStep(step("extension", s));
        }
        Files.writeString(out.resolve(TrainingLog.FILE), "{\"type\":\"step\",\"pha", java.nio.file.StandardOpenOption.APPEND);
        TrainingLog.open(out, "extension", 4).appendStep(step("extension", 5));
        List<JsonNode> lines = lines();
        assertThat(lines).extracting(n -> n.get("type").asText() + n.path("step").asLong())
                .containsExactly("phase0", "step1", "step2", "step3", "step4", "step5");
    }

    @Test
    void writesNonFiniteNumbersAsNullAndStampsTime() throws IOException {
        TrainingLog.open(out, null, 0).appendStep(step("replay", 1));
        JsonNode line = lines().get(0);
        assertThat(line.fieldNames()).toIterable().containsExactly("type", "phase", "step", "steps", "fraction",
                "tokens", "loss", "lr", "gradNorm", "tokensPerSecond", "etaSeconds", "time");
        assertThat(line.get("etaSeconds").isNull()).isTrue();
        assertThat(line.get("loss").asDouble()).isEqualTo(2.5);
        assertThat(line.get("time").asText()).endsWith("Z");
    }

    @Test
    void aFreshStartEmptiesAnOldLog() throws IOException {
        Files.writeString(out.resolve(TrainingLog.FILE), "{\"type\":\"step\",\"phase\":\"replay\",\"step\":3}\n");
        TrainingLog.open(out, null, 0);
        assertThat(Files.readString(out.resolve(TrainingLog.FILE))).isEmpty();
    }
}
