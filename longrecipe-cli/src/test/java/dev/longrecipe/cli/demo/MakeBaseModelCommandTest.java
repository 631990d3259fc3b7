package dev.longrecipe.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code make-base-model} end to end at toy size: mixture, samples, the trainer, a model folder at window L. */
class MakeBaseModelCommandTest {

    @Test
    void aToyBaseModelIsTrainedAtItsWindowFromTheDemoData(@TempDir Path tmp) throws Exception {
        String before = System.getProperty("longrecipe.home");
        System.setProperty("longrecipe.home", Path.of("..").toAbsolutePath().normalize().toString()); // demo/data
        int exit;
        try {
            exit = new CommandLine(new MakeBaseModelCommand()).execute("--work", tmp.resolve("work").toString(),
                    "--out", tmp.resolve("model").toString(), "--steps", "3", "--batch", "2", "--micro-batch", "2",
                    "--hidden", "32", "--layers", "1", "--heads", "2", "--check-samples", "1");
        } finally {
            if (before == null) {
                System.clearProperty("longrecipe.home");
            } else {
                System.setProperty("longrecipe.home", before);
            }
        }
        assertThat(exit).isZero();
        JsonNode config = Json.MAPPER.readTree(tmp.resolve("model/config.json").toFile());
        assertThat(config.get("max_position_embeddings").asInt()).isEqualTo(256);
        assertThat(config.get("rope_theta").asDouble()).isEqualTo(10000.0); // trained at L: no RoPE change
        assertThat(tmp.resolve("model/tokenizer.json")).exists();
        List<String> steps = Files.readAllLines(tmp.resolve("model/training-log.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"step\"")).toList();
        assertThat(steps).hasSize(3);
        for (String line : steps) {
            assertThat(Json.MAPPER.readTree(line).get("loss").asDouble()).isFinite().isPositive();
        }
        // the retrieval check: niah_single_2 at L and 2L for the made model and the shipped one, on the same prompts
        JsonNode results = Json.MAPPER.readTree(tmp.resolve("work/retrieval-check/results.json").toFile());
        assertThat(results.toString()).contains("\"made\"", "\"shipped\"", "niah_single_2");
        assertThat(results.path("settings").path("lengths").toString()).isEqualTo("[256,512]");
    }
}
