package dev.longrecipe.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.longrecipe.schema.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service restarted by {@code up} (or the fault suite) computes with the libtorch thread count it ran with before:
 * a different count changes floating-point sums, and a resumed run would no longer give the numbers of one that was
 * never interrupted (found by {@code longrecipe chaos}: a trainer restarted by hand with two threads instead of one
 * changed the perplexities in the eighth digit).
 */
class ServiceThreadsTest {

    private static ServiceLauncher.RunningService ranWith(Integer threads) {
        return new ServiceLauncher.RunningService("trainer", 1, 8080, 0, "127.0.0.1:9092", "http://127.0.0.1:9000",
                threads, null, null);
    }

    @Test
    void aRestartKeepsTheThreadCountTheServiceRanWithUnlessTheOperatorSetsOne() {
        assumeTrue(System.getenv("LONGRECIPE_TORCH_THREADS") == null, "LONGRECIPE_TORCH_THREADS is set here");
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(ServiceLauncher.torchThreads(null)).as("first start: every core").isEqualTo(cores);
        assertThat(ServiceLauncher.torchThreads(ranWith(1))).isEqualTo(1);
        assertThat(ServiceLauncher.torchThreads(ranWith(3))).isEqualTo(3);
        assertThat(ServiceLauncher.torchThreads(ranWith(null))).as("recorded before the count was").isEqualTo(cores);
    }

    @Test
    void servicesRecordedBeforeTheThreadCountWasStillRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("services.json");
        Files.writeString(file, """
                [ {"stage":"trainer","pid":12,"httpPort":8081,"startedAtEpochMillis":5,
                   "kafkaBootstrap":"127.0.0.1:9092","s3Endpoint":"http://127.0.0.1:9000"} ]""");
        List<ServiceLauncher.RunningService> read = Json.MAPPER.readValue(file.toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<List<ServiceLauncher.RunningService>>() { });
        assertThat(read).singleElement().satisfies(s -> {
            assertThat(s.torchThreads()).isNull();
            assertThat(s.bootId()).isNull(); // and its start is compared as before: by start instant
            assertThat(s.startTicks()).isNull();
        });
        assertThat(Json.MAPPER.readValue(Json.write(ranWith(1)), ServiceLauncher.RunningService.class))
                .isEqualTo(ranWith(1));
    }
}
